"""The C extension of the advisor package; the metadata is in pyproject.toml.

libadvisor is found through pkg-config (its advisor.pc): set
PKG_CONFIG_PATH to the lib/pkgconfig folder of a `cmake --install` prefix
when it is not a system one.  The extension links the shared library and
records its folder as the run-time path, so the module loads without
LD_LIBRARY_PATH.
"""

import shlex
import subprocess
import sys

from setuptools import Extension, setup


def pkg_config(*args):
    try:
        out = subprocess.run(
            ["pkg-config", *args, "advisor"],
            check=True, capture_output=True, text=True,
        ).stdout
    except FileNotFoundError:
        sys.exit("advisor: pkg-config is not installed (Debian: pkg-config)")
    except subprocess.CalledProcessError as e:
        sys.exit(
            "advisor: pkg-config cannot find libadvisor (advisor.pc): install "
            "it (cmake --install build) and set PKG_CONFIG_PATH to its "
            "lib/pkgconfig folder\n" + e.stderr.strip()
        )
    return shlex.split(out)


def strip(flags, prefix):
    return [f[len(prefix):] for f in flags if f.startswith(prefix)]


include_dirs = strip(pkg_config("--cflags-only-I"), "-I")
library_dirs = strip(pkg_config("--libs-only-L"), "-L")
libraries = strip(pkg_config("--libs-only-l"), "-l")

setup(
    ext_modules=[
        Extension(
            "advisor._advisor",
            sources=["python/advisor/_advisor.c"],
            include_dirs=include_dirs,
            library_dirs=library_dirs,
            libraries=libraries,
            runtime_library_dirs=library_dirs,
            extra_compile_args=["-std=c11", "-Wall", "-Wextra", "-Werror"],
        )
    ],
    # Not ./build: that is CMake's build folder.
    options={"build": {"build_base": "build/python-setuptools"}},
)
