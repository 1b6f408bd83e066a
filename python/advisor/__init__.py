"""advisor: should I send (or accept) this LinkedIn invitation, why, and
what should the note say?  libadvisor for Python.

    import advisor
    net = advisor.Network.load("network.json")
    engine = advisor.Engine(net)
    result = engine.advise("priya-natarajan", intents=["learn"])
    print(result["verdict"], result.get("note"))

A Network is immutable and may be shared by any number of threads; an
Engine runs one call at a time (calls from several threads take turns), so
make one Engine a thread to advise in parallel.  Advising releases the GIL.
Failures raise advisor.Error (or one of its subclasses), carrying the
library's .code and .message.
"""

from ._advisor import (  # noqa: F401
    AmbiguousName,
    Canceled,
    DataError,
    Engine,
    Error,
    FileError,
    InvalidArgument,
    LimitError,
    Network,
    NetworkBuilder,
    OutOfMemory,
    PolicyError,
    UnknownIntent,
    UnknownPerson,
    library_version,
)

__version__ = "0.1.0"

__all__ = [
    "AmbiguousName",
    "Canceled",
    "DataError",
    "Engine",
    "Error",
    "FileError",
    "InvalidArgument",
    "LimitError",
    "Network",
    "NetworkBuilder",
    "OutOfMemory",
    "PolicyError",
    "UnknownIntent",
    "UnknownPerson",
    "library_version",
]
