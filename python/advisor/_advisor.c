/*
 * _advisor.c - the Python module over libadvisor's public API (advisor.h).
 *
 * Network wraps an advisor_network (immutable, so one object serves any
 * number of threads); Engine wraps an advisor_engine, which C allows on one
 * thread at a time, so each Engine carries a lock and calls on one engine
 * from several threads take turns.  Advising runs with the GIL released.
 * Results come back as the JSON the library writes (what `advisor advise
 * --json` prints), read with the json module, so a Python caller sees
 * exactly the CLI's result and nothing is described twice.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <pythread.h>

#include <advisor.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The module's own objects: the exception classes, one per code. */
typedef struct {
	PyObject *error;
	PyObject *by_code[11]; /* indexed by -code; [0] unused */
	PyTypeObject *network_type;
	PyTypeObject *engine_type;
	PyTypeObject *builder_type;
} module_state;

static module_state *state_of(PyObject *module)
{
	return (module_state *)PyModule_GetState(module);
}

/* ------------------------------------------------------------------------
 * Errors
 * ------------------------------------------------------------------------ */

/* Set a new reference as an attribute, and drop it. */
static int set_attr(PyObject *obj, const char *name, PyObject *value)
{
	if (!value)
		return -1;
	int rc = PyObject_SetAttrString(obj, name, value);
	Py_DECREF(value);
	return rc;
}

/* Raise the advisor.Error subclass of err->code, carrying the code, the
 * message and where in the data the failure lies. */
static PyObject *raise_error(module_state *st, int code, const advisor_error *err)
{
	const char *message = err && err->message[0] ? err->message
						     : advisor_error_code_name(code);
	PyObject *cls = st->error;
	if (code < 0 && -code < (int)(sizeof st->by_code / sizeof st->by_code[0]) &&
	    st->by_code[-code])
		cls = st->by_code[-code];
	PyObject *exc = PyObject_CallFunction(cls, "s", message);
	if (!exc)
		return NULL;
	if (set_attr(exc, "code", PyLong_FromLong(code)) < 0 ||
	    set_attr(exc, "message", PyUnicode_FromString(message)) < 0 ||
	    set_attr(exc, "path", PyUnicode_FromString(err ? err->path : "")) < 0 ||
	    set_attr(exc, "field", PyUnicode_FromString(err ? err->field : "")) < 0 ||
	    set_attr(exc, "line", PyLong_FromSize_t(err ? err->line : 0)) < 0 ||
	    set_attr(exc, "column", PyLong_FromSize_t(err ? err->column : 0)) < 0) {
		Py_DECREF(exc);
		return NULL;
	}
	PyErr_SetObject(cls, exc);
	Py_DECREF(exc);
	return NULL;
}

/* Warnings arrive on the calling thread during the call, which may have
 * released the GIL (loading a network or a policy does): kept in a list,
 * with the GIL taken for the append. */
static void collect_warning(void *payload, const char *message)
{
	PyGILState_STATE g = PyGILState_Ensure();
	PyObject *list = payload;
	PyObject *s = PyUnicode_DecodeUTF8(message, (Py_ssize_t)strlen(message),
					   "replace");
	if (!s || PyList_Append(list, s) < 0)
		PyErr_Clear(); /* a lost warning must not fail the load */
	Py_XDECREF(s);
	PyGILState_Release(g);
}

/* ------------------------------------------------------------------------
 * Arguments
 * ------------------------------------------------------------------------ */

/* The limits the command's options allow (--max-instructions,
 * --time-limit). */
#define MAX_INSTRUCTIONS 1000000000000000ULL
#define MAX_TIME_MS (86400ULL * 1000)

/* An int from 1 to max, else TypeError or ValueError saying what it must
 * be. */
static int positive_int(PyObject *v, const char *name, unsigned long long max,
			const char *what, unsigned long long *out)
{
	if (!PyLong_Check(v) || PyBool_Check(v)) {
		PyErr_Format(PyExc_TypeError, "%s must be an int or None, not %.100s",
			     name, Py_TYPE(v)->tp_name);
		return -1;
	}
	unsigned long long n = PyLong_AsUnsignedLongLong(v);
	if (PyErr_Occurred() || n < 1 || n > max) {
		PyErr_Clear();
		PyErr_Format(PyExc_ValueError, "%s must be %s", name, what);
		return -1;
	}
	*out = n;
	return 0;
}

/* Seconds, an int or a float, as whole milliseconds from 1 to a day (as
 * --time-limit reads them). */
static int seconds_to_ms(PyObject *v, unsigned long long *out)
{
	if (!(PyLong_Check(v) || PyFloat_Check(v)) || PyBool_Check(v)) {
		PyErr_Format(PyExc_TypeError,
			     "time_limit must be a number of seconds or None, not %.100s",
			     Py_TYPE(v)->tp_name);
		return -1;
	}
	double s = PyFloat_AsDouble(v);
	if (PyErr_Occurred())
		return -1;
	double ms = s * 1000.0 + 0.5;
	if (!(ms >= 1.0 && ms <= (double)MAX_TIME_MS)) {
		PyErr_SetString(PyExc_ValueError,
				"time_limit must be a number of seconds from 0.001 to 86400");
		return -1;
	}
	*out = (unsigned long long)ms;
	return 0;
}

/* ------------------------------------------------------------------------
 * Network
 * ------------------------------------------------------------------------ */

/* What identifies a file's contents for reloading, as the snapshot cache
 * sees it: its size, modification time and inode. */
typedef struct {
	int exists;
	long long size, mtime_sec, mtime_nsec;
	unsigned long long dev, ino;
} file_stamp;

static file_stamp stamp_of(const char *path)
{
	file_stamp st = { 0 };
	struct stat sb;
	if (stat(path, &sb) == 0) {
		st.exists = 1;
		st.size = (long long)sb.st_size;
		st.mtime_sec = (long long)sb.st_mtim.tv_sec;
		st.mtime_nsec = (long long)sb.st_mtim.tv_nsec;
		st.dev = (unsigned long long)sb.st_dev;
		st.ino = (unsigned long long)sb.st_ino;
	}
	return st;
}

static int stamps_equal(const file_stamp *a, const file_stamp *b)
{
	return a->exists == b->exists && a->size == b->size &&
	       a->mtime_sec == b->mtime_sec && a->mtime_nsec == b->mtime_nsec &&
	       a->dev == b->dev && a->ino == b->ino;
}

typedef struct {
	PyObject_HEAD
	advisor_network *net;
	PyObject *warnings; /* list of str */
	/* How it was loaded, for reload(): the file (bytes; NULL for a network
	 * from a buffer or a builder), the snapshot folder (bytes or NULL),
	 * the size limit, and the file as it was just before loading. */
	PyObject *path;
	PyObject *cache_dir;
	uint64_t max_bytes;
	file_stamp stamp;
} NetworkObject;

static void network_dealloc(NetworkObject *self)
{
	PyTypeObject *tp = Py_TYPE(self);
	advisor_network_free(self->net);
	Py_XDECREF(self->warnings);
	Py_XDECREF(self->path);
	Py_XDECREF(self->cache_dir);
	tp->tp_free((PyObject *)self);
	Py_DECREF(tp);
}

static PyObject *network_new_from(PyTypeObject *cls, advisor_network *net,
				  PyObject *warnings)
{
	NetworkObject *self = (NetworkObject *)cls->tp_alloc(cls, 0);
	if (!self) {
		advisor_network_free(net);
		return NULL;
	}
	self->net = net;
	Py_INCREF(warnings);
	self->warnings = warnings;
	return (PyObject *)self;
}

static PyObject *network_init_refused(PyTypeObject *cls, PyObject *args,
				      PyObject *kw)
{
	(void)cls;
	(void)args;
	(void)kw;
	PyErr_SetString(PyExc_TypeError,
			"advisor.Network cannot be made directly: use "
			"Network.load(path), Network.from_json(text) or "
			"NetworkBuilder(...).seal()");
	return NULL;
}

/* Load path (bytes) with the snapshot folder cache (bytes or NULL): a new
 * Network remembering both, or NULL with the error raised. */
static PyObject *network_load_file(module_state *st, PyTypeObject *cls,
				   PyObject *path, PyObject *cache, uint64_t max_bytes)
{
	PyObject *warnings = PyList_New(0);
	if (!warnings)
		return NULL;
	advisor_load_options opts = ADVISOR_LOAD_OPTIONS_INIT;
	opts.warning = collect_warning;
	opts.warning_payload = warnings;
	opts.cache_dir = cache ? PyBytes_AS_STRING(cache) : NULL;
	opts.max_bytes = max_bytes;
	/* Stamped before reading: a change made while loading is then seen
	 * by the next changed(), at the cost of one needless reload. */
	file_stamp stamp = stamp_of(PyBytes_AS_STRING(path));
	advisor_network *net = NULL;
	advisor_error err;
	int rc;
	Py_BEGIN_ALLOW_THREADS
	rc = advisor_network_load(&net, PyBytes_AS_STRING(path), &opts, &err);
	Py_END_ALLOW_THREADS
	PyObject *out = rc < 0 ? raise_error(st, rc, &err)
			       : network_new_from(cls, net, warnings);
	Py_DECREF(warnings);
	if (out) {
		NetworkObject *n = (NetworkObject *)out;
		Py_INCREF(path);
		n->path = path;
		Py_XINCREF(cache);
		n->cache_dir = cache;
		n->max_bytes = max_bytes;
		n->stamp = stamp;
	}
	return out;
}

static PyObject *network_load(PyObject *cls, PyTypeObject *defining,
			      PyObject *const *args, Py_ssize_t nargs,
			      PyObject *kwnames)
{
	module_state *st = PyType_GetModuleState(defining);
	static const char *const names[] = { "path", "cache_dir", "max_size", NULL };
	PyObject *values[3] = { NULL, Py_None, Py_None };
	Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
	if (nargs > 2) {
		PyErr_SetString(PyExc_TypeError,
				"Network.load() takes at most 2 arguments by position "
				"(path, cache_dir)");
		return NULL;
	}
	for (Py_ssize_t i = 0; i < nargs; i++)
		values[i] = args[i];
	for (Py_ssize_t i = 0; i < nkw; i++) {
		const char *k = PyUnicode_AsUTF8(PyTuple_GET_ITEM(kwnames, i));
		int j = -1;
		for (int n = 0; names[n]; n++)
			if (k && strcmp(k, names[n]) == 0)
				j = n;
		if (j < 0 || (j < nargs)) {
			PyErr_Format(PyExc_TypeError,
				     "Network.load() got an unexpected or repeated "
				     "argument '%s'", k ? k : "?");
			return NULL;
		}
		values[j] = args[nargs + i];
	}
	if (!values[0]) {
		PyErr_SetString(PyExc_TypeError, "Network.load() needs a path");
		return NULL;
	}
	unsigned long long max_bytes = 0;
	if (values[2] != Py_None &&
	    positive_int(values[2], "max_size", UINT64_MAX, "a number of bytes",
			 &max_bytes) < 0)
		return NULL;
	PyObject *path = NULL, *cache = NULL;
	if (!PyUnicode_FSConverter(values[0], &path))
		return NULL;
	if (values[1] != Py_None && !PyUnicode_FSConverter(values[1], &cache)) {
		Py_DECREF(path);
		return NULL;
	}
	PyObject *out = network_load_file(st, (PyTypeObject *)cls, path, cache,
					  (uint64_t)max_bytes);
	Py_DECREF(path);
	Py_XDECREF(cache);
	return out;
}

static PyObject *network_changed(NetworkObject *self, PyObject *unused)
{
	(void)unused;
	if (!self->path)
		Py_RETURN_FALSE;
	file_stamp now = stamp_of(PyBytes_AS_STRING(self->path));
	return PyBool_FromLong(!stamps_equal(&now, &self->stamp));
}

/* self when its file is unchanged, else the file loaded anew (or NULL with
 * the error raised); self must have a path. */
static PyObject *network_reloaded(module_state *st, NetworkObject *self)
{
	file_stamp now = stamp_of(PyBytes_AS_STRING(self->path));
	if (stamps_equal(&now, &self->stamp)) {
		Py_INCREF(self);
		return (PyObject *)self;
	}
	return network_load_file(st, Py_TYPE(self), self->path, self->cache_dir,
				 self->max_bytes);
}

static PyObject *network_reload(NetworkObject *self, PyTypeObject *defining,
				PyObject *const *args, Py_ssize_t nargs,
				PyObject *kwnames)
{
	(void)args;
	if (nargs || (kwnames && PyTuple_GET_SIZE(kwnames))) {
		PyErr_SetString(PyExc_TypeError, "Network.reload() takes no arguments");
		return NULL;
	}
	if (!self->path) {
		PyErr_SetString(PyExc_TypeError,
				"Network.reload(): this network was not loaded from a "
				"file (from_json or a builder made it)");
		return NULL;
	}
	return network_reloaded(PyType_GetModuleState(defining), self);
}

static PyObject *network_get_path(NetworkObject *self, void *closure)
{
	(void)closure;
	if (!self->path)
		Py_RETURN_NONE;
	return PyUnicode_DecodeFSDefault(PyBytes_AS_STRING(self->path));
}

static PyObject *network_from_json(PyObject *cls, PyTypeObject *defining,
				   PyObject *const *args, Py_ssize_t nargs,
				   PyObject *kwnames)
{
	module_state *st = PyType_GetModuleState(defining);
	if (nargs < 1 || nargs > 2 || (kwnames && PyTuple_GET_SIZE(kwnames))) {
		PyErr_SetString(PyExc_TypeError,
				"Network.from_json(text, name='<string>') takes a "
				"str or bytes and an optional name, by position");
		return NULL;
	}
	const char *data;
	Py_ssize_t len;
	if (PyUnicode_Check(args[0])) {
		data = PyUnicode_AsUTF8AndSize(args[0], &len);
		if (!data)
			return NULL;
	} else if (PyBytes_Check(args[0])) {
		data = PyBytes_AS_STRING(args[0]);
		len = PyBytes_GET_SIZE(args[0]);
	} else {
		PyErr_Format(PyExc_TypeError,
			     "Network.from_json() takes str or bytes, not %.100s",
			     Py_TYPE(args[0])->tp_name);
		return NULL;
	}
	const char *name = "<string>";
	if (nargs == 2) {
		if (!PyUnicode_Check(args[1])) {
			PyErr_SetString(PyExc_TypeError, "Network.from_json(): name must be a str");
			return NULL;
		}
		if (!(name = PyUnicode_AsUTF8(args[1])))
			return NULL;
	}
	PyObject *warnings = PyList_New(0);
	if (!warnings)
		return NULL;
	advisor_load_options opts = ADVISOR_LOAD_OPTIONS_INIT;
	opts.warning = collect_warning;
	opts.warning_payload = warnings;
	advisor_network *net = NULL;
	advisor_error err;
	int rc;
	Py_BEGIN_ALLOW_THREADS
	rc = advisor_network_load_buffer(&net, data, (size_t)len, name, &opts, &err);
	Py_END_ALLOW_THREADS
	PyObject *out = rc < 0 ? raise_error(st, rc, &err)
			       : network_new_from((PyTypeObject *)cls, net, warnings);
	Py_DECREF(warnings);
	return out;
}

static Py_ssize_t network_len(NetworkObject *self)
{
	return (Py_ssize_t)advisor_network_person_count(self->net);
}

static PyObject *network_ids(NetworkObject *self, PyObject *unused)
{
	(void)unused;
	size_t n = advisor_network_person_count(self->net);
	PyObject *list = PyList_New((Py_ssize_t)n);
	if (!list)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		PyObject *s = PyUnicode_FromString(advisor_network_person_id(self->net, i));
		if (!s) {
			Py_DECREF(list);
			return NULL;
		}
		PyList_SET_ITEM(list, (Py_ssize_t)i, s);
	}
	return list;
}

static PyObject *network_get_warnings(NetworkObject *self, void *closure)
{
	(void)closure;
	return PyList_AsTuple(self->warnings);
}

static PyMethodDef network_methods[] = {
	{ "load", (PyCFunction)(void (*)(void))network_load,
	  METH_METHOD | METH_FASTCALL | METH_KEYWORDS | METH_CLASS,
	  PyDoc_STR("load(path, cache_dir=None, *, max_size=None)\n--\n\n"
		    "Load a network file (JSON or NDJSON, advisor-network/1). "
		    "With cache_dir, a snapshot is kept there for the next load; "
		    "a file larger than max_size bytes (default 1 GiB) is refused.") },
	{ "from_json", (PyCFunction)(void (*)(void))network_from_json,
	  METH_METHOD | METH_FASTCALL | METH_KEYWORDS | METH_CLASS,
	  PyDoc_STR("from_json(text, name='<string>')\n--\n\n"
		    "Load a network from a str or bytes holding its JSON; name "
		    "stands for the file name in messages.") },
	{ "changed", (PyCFunction)network_changed, METH_NOARGS,
	  PyDoc_STR("changed()\n--\n\n"
		    "True when the file the network was loaded from has changed since "
		    "(its size, time or inode), or is gone; False for a network not "
		    "loaded from a file.") },
	{ "reload", (PyCFunction)(void (*)(void))network_reload,
	  METH_METHOD | METH_FASTCALL | METH_KEYWORDS,
	  PyDoc_STR("reload()\n--\n\n"
		    "The network as its file now is: this same object when the file "
		    "has not changed, else a new Network loaded with the same "
		    "options.  On failure it raises advisor.Error and this network "
		    "stays as it was (it is immutable), so a long-running caller "
		    "keeps serving the old one.") },
	{ "ids", (PyCFunction)network_ids, METH_NOARGS,
	  PyDoc_STR("ids()\n--\n\nThe ids of the people in the network, in its order.") },
	{ NULL, NULL, 0, NULL }
};

static PyGetSetDef network_getset[] = {
	{ "path", (getter)network_get_path, NULL,
	  PyDoc_STR("The file the network was loaded from, or None."), NULL },
	{ "warnings", (getter)network_get_warnings, NULL,
	  PyDoc_STR("The warnings loading gave (unknown event types, ...), a tuple of str."),
	  NULL },
	{ NULL, NULL, NULL, NULL, NULL }
};

static PyType_Slot network_slots[] = {
	{ Py_tp_doc, (void *)PyDoc_STR(
		"A loaded network: immutable, shareable by any number of threads.\n"
		"Make one with Network.load(path) or Network.from_json(text).") },
	{ Py_tp_new, (void *)network_init_refused },
	{ Py_tp_dealloc, (void *)network_dealloc },
	{ Py_tp_methods, network_methods },
	{ Py_tp_getset, network_getset },
	{ Py_mp_length, (void *)network_len },
	{ 0, NULL }
};

static PyType_Spec network_spec = {
	.name = "advisor.Network",
	.basicsize = sizeof(NetworkObject),
	.flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE,
	.slots = network_slots,
};

/* ------------------------------------------------------------------------
 * NetworkBuilder
 * ------------------------------------------------------------------------ */

/* Every call holds the GIL throughout, which is what keeps the builder on
 * one thread at a time, as the C API asks. */
typedef struct {
	PyObject_HEAD
	advisor_network_builder *builder;
} BuilderObject;

static void builder_dealloc(BuilderObject *self)
{
	PyTypeObject *tp = Py_TYPE(self);
	advisor_network_builder_free(self->builder);
	tp->tp_free((PyObject *)self);
	Py_DECREF(tp);
}

static module_state *builder_state(BuilderObject *self)
{
	return state_of(PyType_GetModule(Py_TYPE(self)));
}

/* The UTF-8 of a str argument, or NULL with a TypeError naming it. */
static const char *str_arg(PyObject *v, const char *what)
{
	if (!PyUnicode_Check(v)) {
		PyErr_Format(PyExc_TypeError, "%s must be a str, not %.100s", what,
			     Py_TYPE(v)->tp_name);
		return NULL;
	}
	return PyUnicode_AsUTF8(v);
}

/* A datetime.date (or datetime) as its ISO text, a new reference; NULL
 * without an error when v is not one. */
static PyObject *iso_date(PyObject *v)
{
	if (PyUnicode_Check(v) || !PyObject_HasAttrString(v, "isoformat") ||
	    !PyObject_HasAttrString(v, "toordinal"))
		return NULL;
	return PyObject_CallMethod(v, "isoformat", NULL);
}

static PyObject *builder_new(PyTypeObject *cls, PyObject *args, PyObject *kw)
{
	PyObject *module = PyType_GetModule(cls);
	module_state *st = module ? state_of(module) : NULL;
	if (!st)
		return NULL;
	static char *names[] = { "name", "me_id", "me_name", NULL };
	PyObject *name, *me_id, *me_name;
	if (!PyArg_ParseTupleAndKeywords(args, kw, "OOO:NetworkBuilder", names, &name,
					 &me_id, &me_name))
		return NULL;
	const char *n, *id, *mn;
	if (!(n = str_arg(name, "name")) || !(id = str_arg(me_id, "me_id")) ||
	    !(mn = str_arg(me_name, "me_name")))
		return NULL;
	advisor_network_builder *b = NULL;
	advisor_error err;
	int rc = advisor_network_builder_new(&b, n, id, mn, &err);
	if (rc < 0)
		return raise_error(st, rc, &err);
	BuilderObject *self = (BuilderObject *)cls->tp_alloc(cls, 0);
	if (!self) {
		advisor_network_builder_free(b);
		return NULL;
	}
	self->builder = b;
	return (PyObject *)self;
}

/* Set one field of a person (or me) by the value's Python type: str or
 * date a string, bool, int or float a number, list, tuple or dict JSON. */
static int builder_set_one(BuilderObject *self, const char *id, PyObject *field,
			   PyObject *value)
{
	module_state *st = builder_state(self);
	const char *f = str_arg(field, "a field's name");
	if (!f)
		return -1;
	advisor_error err;
	int rc;
	PyObject *tmp = NULL;
	if (PyUnicode_Check(value) || (tmp = iso_date(value))) {
		const char *v = PyUnicode_AsUTF8(tmp ? tmp : value);
		if (!v) {
			Py_XDECREF(tmp);
			return -1;
		}
		rc = advisor_network_builder_set_string(self->builder, id, f, v, &err);
	} else if (PyErr_Occurred()) {
		return -1;
	} else if (PyBool_Check(value)) {
		rc = advisor_network_builder_set_bool(self->builder, id, f,
						      value == Py_True, &err);
	} else if (PyLong_Check(value) || PyFloat_Check(value)) {
		double d = PyFloat_AsDouble(value);
		if (d == -1.0 && PyErr_Occurred())
			return -1;
		rc = advisor_network_builder_set_number(self->builder, id, f, d, &err);
	} else if (PyList_Check(value) || PyTuple_Check(value) || PyDict_Check(value)) {
		PyObject *json = PyImport_ImportModule("json");
		if (!json)
			return -1;
		tmp = PyObject_CallMethod(json, "dumps", "O", value);
		Py_DECREF(json);
		const char *v = tmp ? PyUnicode_AsUTF8(tmp) : NULL;
		if (!v) {
			Py_XDECREF(tmp);
			return -1;
		}
		rc = advisor_network_builder_set_json(self->builder, id, f, v, &err);
	} else {
		PyErr_Format(PyExc_TypeError,
			     "field %s: a value must be a str, date, bool, int, float, "
			     "list or dict, not %.100s", f, Py_TYPE(value)->tp_name);
		return -1;
	}
	Py_XDECREF(tmp);
	if (rc < 0) {
		raise_error(st, rc, &err);
		return -1;
	}
	return 0;
}

/* Each item of a dict of fields (kw), set with builder_set_one. */
static int builder_set_all(BuilderObject *self, const char *id, PyObject *kw)
{
	if (!kw)
		return 0;
	PyObject *k, *v;
	Py_ssize_t pos = 0;
	while (PyDict_Next(kw, &pos, &k, &v))
		if (builder_set_one(self, id, k, v) < 0)
			return -1;
	return 0;
}

static PyObject *builder_add_person(BuilderObject *self, PyObject *args, PyObject *kw)
{
	PyObject *id, *name;
	if (!PyArg_ParseTuple(args, "OO:add_person", &id, &name))
		return NULL;
	const char *i, *n;
	if (!(i = str_arg(id, "id")) || !(n = str_arg(name, "name")))
		return NULL;
	advisor_error err;
	int rc = advisor_network_builder_add_person(self->builder, i, n, &err);
	if (rc < 0)
		return raise_error(builder_state(self), rc, &err);
	if (builder_set_all(self, i, kw) < 0)
		return NULL;
	Py_RETURN_NONE;
}

static PyObject *builder_set(BuilderObject *self, PyObject *args, PyObject *kw)
{
	PyObject *id;
	if (!PyArg_ParseTuple(args, "O:set", &id))
		return NULL;
	const char *i = str_arg(id, "id");
	if (!i || builder_set_all(self, i, kw) < 0)
		return NULL;
	Py_RETURN_NONE;
}

/* Copy a dict of event fields into an advisor_fields: str or date a
 * string, bool, int or float a number. */
static int fields_from(module_state *st, advisor_fields *fields, PyObject *dict)
{
	PyObject *k, *v;
	Py_ssize_t pos = 0;
	while (PyDict_Next(dict, &pos, &k, &v)) {
		const char *name = str_arg(k, "an event field's name");
		if (!name)
			return -1;
		advisor_error err;
		int rc;
		PyObject *tmp = NULL;
		if (PyUnicode_Check(v) || (tmp = iso_date(v))) {
			const char *s = PyUnicode_AsUTF8(tmp ? tmp : v);
			if (!s) {
				Py_XDECREF(tmp);
				return -1;
			}
			rc = advisor_fields_set_string(fields, name, s, &err);
			Py_XDECREF(tmp);
		} else if (PyErr_Occurred()) {
			return -1;
		} else if (PyBool_Check(v)) {
			rc = advisor_fields_set_bool(fields, name, v == Py_True, &err);
		} else if (PyLong_Check(v) || PyFloat_Check(v)) {
			double d = PyFloat_AsDouble(v);
			if (d == -1.0 && PyErr_Occurred())
				return -1;
			rc = advisor_fields_set_number(fields, name, d, &err);
		} else {
			PyErr_Format(PyExc_TypeError,
				     "event field %s: a value must be a str, date, bool, "
				     "int or float, not %.100s", name, Py_TYPE(v)->tp_name);
			return -1;
		}
		if (rc < 0) {
			raise_error(st, rc, &err);
			return -1;
		}
	}
	return 0;
}

static PyObject *builder_add_event(BuilderObject *self, PyObject *args, PyObject *kw)
{
	module_state *st = builder_state(self);
	PyObject *id, *type, *given = NULL;
	if (!PyArg_ParseTuple(args, "OO|O!:add_event", &id, &type, &PyDict_Type, &given))
		return NULL;
	const char *i, *t;
	if (!(i = str_arg(id, "id")) || !(t = str_arg(type, "type")))
		return NULL;
	advisor_fields *fields = NULL;
	advisor_error err;
	int rc = advisor_fields_new(&fields, &err);
	if (rc < 0)
		return raise_error(st, rc, &err);
	PyObject *out = NULL;
	if ((!given || fields_from(st, fields, given) == 0) &&
	    (!kw || fields_from(st, fields, kw) == 0)) {
		rc = advisor_network_builder_add_event(self->builder, i, t, fields, &err);
		if (rc < 0)
			raise_error(st, rc, &err);
		else {
			Py_INCREF(Py_None);
			out = Py_None;
		}
	}
	advisor_fields_free(fields);
	return out;
}

static PyObject *builder_link(BuilderObject *self, PyObject *args)
{
	PyObject *a, *b;
	if (!PyArg_ParseTuple(args, "OO:link", &a, &b))
		return NULL;
	const char *x, *y;
	if (!(x = str_arg(a, "a person's id")) || !(y = str_arg(b, "a person's id")))
		return NULL;
	advisor_error err;
	int rc = advisor_network_builder_link(self->builder, x, y, &err);
	if (rc < 0)
		return raise_error(builder_state(self), rc, &err);
	Py_RETURN_NONE;
}

static PyObject *builder_seal(BuilderObject *self, PyObject *unused)
{
	(void)unused;
	module_state *st = builder_state(self);
	PyObject *warnings = PyList_New(0);
	if (!warnings)
		return NULL;
	advisor_load_options opts = ADVISOR_LOAD_OPTIONS_INIT;
	opts.warning = collect_warning;
	opts.warning_payload = warnings;
	advisor_network *net = NULL;
	advisor_error err;
	int rc = advisor_network_builder_seal(&net, self->builder, &opts, &err);
	PyObject *out = rc < 0 ? raise_error(st, rc, &err)
			       : network_new_from(st->network_type, net, warnings);
	Py_DECREF(warnings);
	return out;
}

static PyMethodDef builder_methods[] = {
	{ "add_person", (PyCFunction)(void (*)(void))builder_add_person,
	  METH_VARARGS | METH_KEYWORDS,
	  PyDoc_STR("add_person(id, name, /, **fields)\n--\n\n"
		    "Add a person with a unique id and a display name, and set the\n"
		    "fields given (as set() does).") },
	{ "set", (PyCFunction)(void (*)(void))builder_set, METH_VARARGS | METH_KEYWORDS,
	  PyDoc_STR("set(id, /, **fields)\n--\n\n"
		    "Set fields of a person (or of me), replacing earlier values: a\n"
		    "str or datetime.date is a string (headline, company,\n"
		    "connected_on...), a bool a yes/no (connected, influencer), an\n"
		    "int or float a number (followers), a list or dict a field of\n"
		    "your own that a policy reads as a table.") },
	{ "add_event", (PyCFunction)(void (*)(void))builder_add_event,
	  METH_VARARGS | METH_KEYWORDS,
	  PyDoc_STR("add_event(id, type, fields=None, /, **more)\n--\n\n"
		    "Add an event of this type (met, worked_together, interview,\n"
		    "...) to a person's history, with its fields from the dict\n"
		    "`fields` and the keywords (date=\"2019-05-03\", tone=\"cordial\",\n"
		    "...): each a str, datetime.date, bool, int or float.") },
	{ "link", (PyCFunction)builder_link, METH_VARARGS,
	  PyDoc_STR("link(a, b)\n--\n\n"
		    "Record that two people know each other; a link to me is a\n"
		    "first-degree connection (the person must be connected=True).") },
	{ "seal", (PyCFunction)builder_seal, METH_NOARGS,
	  PyDoc_STR("seal()\n--\n\n"
		    "Check everything added, as loading a file does, and return the\n"
		    "Network.  On failure it raises advisor.DataError naming the\n"
		    "person, event and field, and the builder is unchanged: correct\n"
		    "it and seal again.  Once sealed, the builder takes no more.") },
	{ NULL, NULL, 0, NULL }
};

static PyType_Slot builder_slots[] = {
	{ Py_tp_doc, (void *)PyDoc_STR(
		"NetworkBuilder(name, me_id, me_name)\n--\n\n"
		"A network made in code, for data that lives elsewhere (a CRM):\n"
		"add people, their fields, events and links, then seal() it into\n"
		"an immutable Network.  `name` stands for the network in messages,\n"
		"as a file name would.  One thread at a time.") },
	{ Py_tp_new, (void *)builder_new },
	{ Py_tp_dealloc, (void *)builder_dealloc },
	{ Py_tp_methods, builder_methods },
	{ 0, NULL }
};

static PyType_Spec builder_spec = {
	.name = "advisor.NetworkBuilder",
	.basicsize = sizeof(BuilderObject),
	.flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE,
	.slots = builder_slots,
};

/* ------------------------------------------------------------------------
 * Engine
 * ------------------------------------------------------------------------ */

typedef struct {
	PyObject_HEAD
	advisor_engine *engine;
	/* The NetworkObject advised on, kept alive while the engine is; a
	 * reload may replace it, so a call holds its own reference. */
	PyObject *network;
	PyObject *warnings;
	PyThread_type_lock lock; /* one call on the C engine at a time */
	/* The options it was made with, for reload(): the layer folders
	 * (list of bytes), the user's folder (bytes or NULL), the numbers. */
	PyObject *layers;
	PyObject *user_policy;
	advisor_engine_options opts;
} EngineObject;

static void engine_dealloc(EngineObject *self)
{
	PyTypeObject *tp = Py_TYPE(self);
	advisor_engine_free(self->engine);
	Py_XDECREF(self->network);
	Py_XDECREF(self->warnings);
	Py_XDECREF(self->layers);
	Py_XDECREF(self->user_policy);
	if (self->lock)
		PyThread_free_lock(self->lock);
	tp->tp_free((PyObject *)self);
	Py_DECREF(tp);
}

/* A str or path-like in a list of them, as bytes for the C API. */
static PyObject *fs_list(PyObject *seq, const char *what)
{
	if (seq == Py_None)
		return PyList_New(0);
	if (PyUnicode_Check(seq) || PyBytes_Check(seq)) {
		PyErr_Format(PyExc_TypeError,
			     "%s takes a list of folders, not a single string", what);
		return NULL;
	}
	PyObject *fast = PySequence_Fast(seq, "");
	if (!fast) {
		PyErr_Format(PyExc_TypeError, "%s takes a list of folders", what);
		return NULL;
	}
	Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
	PyObject *out = PyList_New(n);
	for (Py_ssize_t i = 0; out && i < n; i++) {
		PyObject *b = NULL;
		if (!PyUnicode_FSConverter(PySequence_Fast_GET_ITEM(fast, i), &b)) {
			Py_CLEAR(out);
			break;
		}
		PyList_SET_ITEM(out, i, b);
	}
	Py_DECREF(fast);
	return out;
}

/* A C engine made with self's options, without the GIL: *out and a new
 * list of its lint warnings, or -1 with the error raised. */
static int engine_make(module_state *st, EngineObject *self,
		       advisor_engine **out, PyObject **warnings_out)
{
	Py_ssize_t n = PyList_GET_SIZE(self->layers);
	const char **paths = PyMem_Calloc((size_t)n + 1, sizeof *paths);
	PyObject *warnings = PyList_New(0);
	if (!paths || !warnings) {
		PyMem_Free(paths);
		Py_XDECREF(warnings);
		PyErr_NoMemory();
		return -1;
	}
	for (Py_ssize_t i = 0; i < n; i++)
		paths[i] = PyBytes_AS_STRING(PyList_GET_ITEM(self->layers, i));
	advisor_engine_options opts = self->opts;
	opts.policy_layers = paths;
	opts.policy_layer_count = (size_t)n;
	opts.user_policy = self->user_policy ? PyBytes_AS_STRING(self->user_policy) : NULL;
	opts.warning = collect_warning;
	opts.warning_payload = warnings;
	advisor_error err;
	int rc;
	Py_BEGIN_ALLOW_THREADS
	if (*out)
		rc = advisor_engine_reload(*out, &opts, &err);
	else
		rc = advisor_engine_new(out, &opts, &err);
	Py_END_ALLOW_THREADS
	PyMem_Free(paths);
	if (rc < 0) {
		Py_DECREF(warnings);
		raise_error(st, rc, &err);
		return -1;
	}
	*warnings_out = warnings;
	return 0;
}

static PyObject *engine_new(PyTypeObject *cls, PyObject *args, PyObject *kw)
{
	PyObject *module = PyType_GetModule(cls);
	module_state *st = module ? state_of(module) : NULL;
	if (!st)
		return NULL;
	static char *names[] = { "network", "policy", "note_limit", "user_policy",
				 "max_instructions", "time_limit", "max_memory", NULL };
	PyObject *network, *policy = Py_None, *note_limit = Py_None, *user = Py_None;
	PyObject *max_instructions = Py_None, *time_limit = Py_None, *max_memory = Py_None;
	if (!PyArg_ParseTupleAndKeywords(args, kw, "O|O$OOOOO:Engine", names, &network,
					 &policy, &note_limit, &user, &max_instructions,
					 &time_limit, &max_memory))
		return NULL;
	if (!PyObject_TypeCheck(network, st->network_type)) {
		PyErr_Format(PyExc_TypeError,
			     "Engine() takes an advisor.Network, not %.100s",
			     Py_TYPE(network)->tp_name);
		return NULL;
	}
	unsigned long limit = 0;
	if (note_limit != Py_None) {
		if (!PyLong_Check(note_limit)) {
			PyErr_SetString(PyExc_TypeError, "note_limit must be an int or None");
			return NULL;
		}
		limit = PyLong_AsUnsignedLong(note_limit);
		if (PyErr_Occurred() || limit < 20 || limit > 10000) {
			PyErr_Clear();
			PyErr_SetString(PyExc_ValueError,
					"note_limit must be a number of characters from 20 to 10000");
			return NULL;
		}
	}
	unsigned long long instructions = 0, memory = 0, time_ms = 0;
	if (max_instructions != Py_None &&
	    positive_int(max_instructions, "max_instructions", MAX_INSTRUCTIONS,
			 "a number of instructions from 1 to 10**15", &instructions) < 0)
		return NULL;
	if (max_memory != Py_None &&
	    positive_int(max_memory, "max_memory", SIZE_MAX, "a number of bytes",
			 &memory) < 0)
		return NULL;
	if (time_limit != Py_None && seconds_to_ms(time_limit, &time_ms) < 0)
		return NULL;
	PyObject *layers = fs_list(policy, "policy");
	if (!layers)
		return NULL;
	PyObject *user_bytes = NULL;
	if (user != Py_None && !PyUnicode_FSConverter(user, &user_bytes)) {
		Py_DECREF(layers);
		return NULL;
	}
	advisor_engine_options opts = ADVISOR_ENGINE_OPTIONS_INIT;
	opts.note_limit = (unsigned int)limit;
	opts.instruction_limit = (uint64_t)instructions;
	opts.memory_limit = (size_t)memory;
	opts.time_limit_ms = (uint64_t)time_ms;
	EngineObject *self = (EngineObject *)cls->tp_alloc(cls, 0);
	if (!self) {
		Py_DECREF(layers);
		Py_XDECREF(user_bytes);
		return NULL;
	}
	self->layers = layers;
	self->user_policy = user_bytes;
	self->opts = opts;
	Py_INCREF(network);
	self->network = network;
	if (!(self->lock = PyThread_allocate_lock())) {
		Py_DECREF(self);
		return PyErr_NoMemory();
	}
	advisor_engine *engine = NULL;
	PyObject *warnings = NULL;
	if (engine_make(st, self, &engine, &warnings) < 0) {
		Py_DECREF(self);
		return NULL;
	}
	self->engine = engine;
	self->warnings = warnings;
	return (PyObject *)self;
}

/* What advise() and explain() share: reading the arguments into a request
 * whose strings stay owned by `keep` until the call is over. */
typedef struct {
	advisor_request req;
	advisor_inline_person given; /* req.inline_person's, for a dict person */
	const char **intents;
	PyObject *keep; /* list of the objects whose UTF-8 the request points into */
} request_args;

static void request_args_free(request_args *r)
{
	PyMem_Free(r->intents);
	Py_XDECREF(r->keep);
}

static const char *utf8_kept(request_args *r, PyObject *s, const char *what)
{
	if (!PyUnicode_Check(s)) {
		PyErr_Format(PyExc_TypeError, "%s must be a str, not %.100s", what,
			     Py_TYPE(s)->tp_name);
		return NULL;
	}
	if (PyList_Append(r->keep, s) < 0)
		return NULL;
	return PyUnicode_AsUTF8(s);
}

/* A person given as a dict, inline: its fields into r->given. */
static int read_inline(request_args *r, PyObject *person)
{
	static const char *const fields[] = { "name", "profile_url", "headline",
		"company", "title", "location", "industry", NULL };
	const char **slots[] = { &r->given.name, &r->given.profile_url,
		&r->given.headline, &r->given.company, &r->given.title,
		&r->given.location, &r->given.industry };
	PyObject *key, *value;
	Py_ssize_t pos = 0;

	advisor_inline_person_init(&r->given);
	while (PyDict_Next(person, &pos, &key, &value)) {
		const char *k = PyUnicode_Check(key) ? PyUnicode_AsUTF8(key) : NULL;
		int i = 0;
		if (!k && PyErr_Occurred())
			return -1;
		while (k && fields[i] && strcmp(k, fields[i]) != 0)
			i++;
		if (!k || !fields[i]) {
			PyObject *shown = PyObject_Repr(key);
			PyErr_Format(PyExc_ValueError,
				     "person: unknown field %s; a person given inline has "
				     "name, profile_url, headline, company, title, location, "
				     "industry", shown ? PyUnicode_AsUTF8(shown) : "?");
			Py_XDECREF(shown);
			return -1;
		}
		if (value == Py_None)
			continue;
		char what[48];
		snprintf(what, sizeof what, "person[\"%s\"]", fields[i]);
		if (!(*slots[i] = utf8_kept(r, value, what)))
			return -1;
	}
	r->req.inline_person = &r->given;
	return 0;
}

static int read_request(request_args *r, PyObject *args, PyObject *kw,
			const char *fname)
{
	static char *names[] = { "person", "direction", "intents", "as_of", "drafts", NULL };
	PyObject *person, *direction = Py_None, *intents = Py_None, *as_of = Py_None;
	PyObject *drafts = NULL;
	char format[32];
	snprintf(format, sizeof format, "O|O$OOO:%s", fname);
	memset(r, 0, sizeof *r);
	advisor_request_init(&r->req);
	if (!PyArg_ParseTupleAndKeywords(args, kw, format, names, &person, &direction,
					 &intents, &as_of, &drafts))
		return -1;
	if (!(r->keep = PyList_New(0)))
		return -1;
	if (PyDict_Check(person)) {
		if (read_inline(r, person) < 0)
			return -1;
	} else if (!PyUnicode_Check(person)) {
		PyErr_Format(PyExc_TypeError,
			     "person must be a str (an id or profile URL) or a dict "
			     "(a person given inline), not %.100s", Py_TYPE(person)->tp_name);
		return -1;
	} else if (!(r->req.person = utf8_kept(r, person, "person"))) {
		return -1;
	}
	if (direction != Py_None) {
		const char *d = utf8_kept(r, direction, "direction");
		if (!d)
			return -1;
		if (strcmp(d, "outgoing") == 0)
			r->req.direction = ADVISOR_OUTGOING;
		else if (strcmp(d, "incoming") == 0)
			r->req.direction = ADVISOR_INCOMING;
		else {
			PyErr_Format(PyExc_ValueError,
				     "direction must be \"outgoing\" or \"incoming\", not \"%s\"", d);
			return -1;
		}
	}
	if (intents != Py_None) {
		PyObject *fast;
		if (PyUnicode_Check(intents)) {
			fast = PyTuple_Pack(1, intents);
		} else {
			fast = PySequence_Fast(intents, "intents must be a str or a list of str");
		}
		if (!fast || PyList_Append(r->keep, fast) < 0) {
			Py_XDECREF(fast);
			return -1;
		}
		Py_DECREF(fast); /* r->keep holds it */
		Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
		if (n > 0 && !(r->intents = PyMem_Calloc((size_t)n, sizeof *r->intents))) {
			PyErr_NoMemory();
			return -1;
		}
		for (Py_ssize_t i = 0; i < n; i++)
			if (!(r->intents[i] = utf8_kept(r, PySequence_Fast_GET_ITEM(fast, i),
							"each intent")))
				return -1;
		r->req.intents = r->intents;
		r->req.intent_count = (size_t)n;
	}
	if (as_of != Py_None) {
		/* A datetime.date reads as its ISO form, the request's. */
		PyObject *s = PyUnicode_Check(as_of) ? (Py_INCREF(as_of), as_of) : NULL;
		if (!s && PyObject_HasAttrString(as_of, "isoformat") &&
		    !PyObject_HasAttrString(as_of, "hour"))
			s = PyObject_CallMethod(as_of, "isoformat", NULL);
		if (!s) {
			if (!PyErr_Occurred())
				PyErr_Format(PyExc_TypeError,
					     "as_of must be a str YYYY-MM-DD or a datetime.date, "
					     "not %.100s", Py_TYPE(as_of)->tp_name);
			return -1;
		}
		r->req.as_of = utf8_kept(r, s, "as_of");
		Py_DECREF(s);
		if (!r->req.as_of)
			return -1;
	}
	if (drafts) {
		if (!PyLong_Check(drafts)) {
			PyErr_SetString(PyExc_TypeError, "drafts must be an int");
			return -1;
		}
		long n = PyLong_AsLong(drafts);
		if (PyErr_Occurred() || n < 1 || n > ADVISOR_MAX_DRAFTS) {
			PyErr_Clear();
			PyErr_Format(PyExc_ValueError, "drafts must be from 1 to %d",
				     ADVISOR_MAX_DRAFTS);
			return -1;
		}
		r->req.drafts = (unsigned int)n;
	}
	return 0;
}

/* Take the engine's lock: at once if free, else waiting without the GIL
 * so that the thread holding it can finish. */
static void engine_lock(EngineObject *self)
{
	if (!PyThread_acquire_lock(self->lock, NOWAIT_LOCK)) {
		Py_BEGIN_ALLOW_THREADS
		PyThread_acquire_lock(self->lock, WAIT_LOCK);
		Py_END_ALLOW_THREADS
	}
}

static PyObject *json_to_dict(char *text)
{
	PyObject *json = PyImport_ImportModule("json");
	PyObject *out = NULL;
	if (json) {
		out = PyObject_CallMethod(json, "loads", "s", text);
		Py_DECREF(json);
	}
	advisor_string_free(text);
	return out;
}

static PyObject *engine_run(EngineObject *self, PyObject *args, PyObject *kw,
			    int explain)
{
	module_state *st = state_of(PyType_GetModule(Py_TYPE(self)));
	request_args r;
	if (read_request(&r, args, kw, explain ? "explain" : "advise") < 0) {
		request_args_free(&r);
		return NULL;
	}
	PyObject *network = self->network;
	Py_INCREF(network); /* a reload on another thread may replace it */
	const advisor_network *net = ((NetworkObject *)network)->net;
	advisor_error err;
	char *text = NULL;
	int rc;
	engine_lock(self);
	Py_BEGIN_ALLOW_THREADS
	if (explain) {
		advisor_explanation *x = NULL;
		rc = advisor_explain(&x, self->engine, net, &r.req, &err);
		if (rc == ADVISOR_OK)
			rc = advisor_explanation_to_json(&text, x, &err);
		advisor_explanation_free(x);
	} else {
		advisor_result *result = NULL;
		rc = advisor_advise(&result, self->engine, net, &r.req, &err);
		if (rc == ADVISOR_OK)
			rc = advisor_result_to_json(&text, result, &err);
		advisor_result_free(result);
	}
	Py_END_ALLOW_THREADS
	PyThread_release_lock(self->lock);
	Py_DECREF(network);
	request_args_free(&r);
	if (rc < 0)
		return raise_error(st, rc, &err);
	return json_to_dict(text);
}

static PyObject *engine_advise(EngineObject *self, PyObject *args, PyObject *kw)
{
	return engine_run(self, args, kw, 0);
}

static PyObject *engine_explain(EngineObject *self, PyObject *args, PyObject *kw)
{
	return engine_run(self, args, kw, 1);
}

static PyObject *engine_advise_json(EngineObject *self, PyObject *arg)
{
	module_state *st = state_of(PyType_GetModule(Py_TYPE(self)));
	const char *data;
	Py_ssize_t len;
	if (PyUnicode_Check(arg)) {
		if (!(data = PyUnicode_AsUTF8AndSize(arg, &len)))
			return NULL;
	} else if (PyBytes_Check(arg)) {
		data = PyBytes_AS_STRING(arg);
		len = PyBytes_GET_SIZE(arg);
	} else {
		PyErr_Format(PyExc_TypeError,
			     "advise_json() takes a str or bytes holding one JSON "
			     "request, not %.100s", Py_TYPE(arg)->tp_name);
		return NULL;
	}
	PyObject *network = self->network;
	Py_INCREF(network); /* a reload on another thread may replace it */
	Py_INCREF(arg);     /* data points into it */
	const advisor_network *net = ((NetworkObject *)network)->net;
	advisor_error err;
	char *text = NULL;
	int rc;
	engine_lock(self);
	Py_BEGIN_ALLOW_THREADS
	rc = advisor_advise_json(&text, self->engine, net, data, (size_t)len, &err);
	Py_END_ALLOW_THREADS
	PyThread_release_lock(self->lock);
	Py_DECREF(network);
	Py_DECREF(arg);
	if (rc < 0)
		return raise_error(st, rc, &err);
	PyObject *out = PyUnicode_DecodeUTF8(text, (Py_ssize_t)strlen(text), "strict");
	advisor_string_free(text);
	return out;
}

static PyObject *engine_reload(EngineObject *self, PyObject *args, PyObject *kw)
{
	module_state *st = state_of(PyType_GetModule(Py_TYPE(self)));
	static char *names[] = { "network", "policy", NULL };
	PyObject *network = Py_None;
	int policy = 1;
	if (!PyArg_ParseTupleAndKeywords(args, kw, "|O$p:reload", names, &network,
					 &policy))
		return NULL;
	PyObject *next;
	if (network != Py_None) {
		if (!PyObject_TypeCheck(network, st->network_type)) {
			PyErr_Format(PyExc_TypeError,
				     "reload() takes an advisor.Network or None, not %.100s",
				     Py_TYPE(network)->tp_name);
			return NULL;
		}
		Py_INCREF(network);
		next = network;
	} else if (((NetworkObject *)self->network)->path) {
		next = network_reloaded(st, (NetworkObject *)self->network);
	} else {
		Py_INCREF(self->network);
		next = self->network;
	}
	if (!next)
		return NULL;
	/* The network is swapped only once the policy has reloaded too, so a
	 * failure of either changes nothing. */
	if (policy) {
		PyObject *warnings = NULL;
		advisor_engine *engine = self->engine;
		engine_lock(self);
		int rc = engine_make(st, self, &engine, &warnings);
		PyThread_release_lock(self->lock);
		if (rc < 0) {
			Py_DECREF(next);
			return NULL;
		}
		Py_SETREF(self->warnings, warnings);
	}
	Py_SETREF(self->network, next);
	Py_RETURN_NONE;
}

static PyObject *engine_get_policy(EngineObject *self, void *closure)
{
	(void)closure;
	engine_lock(self);
	PyObject *s = PyUnicode_FromString(advisor_engine_policy_name(self->engine));
	PyThread_release_lock(self->lock);
	return s;
}

static PyObject *engine_get_intents(EngineObject *self, void *closure)
{
	(void)closure;
	engine_lock(self);
	size_t n = advisor_engine_intent_count(self->engine);
	PyObject *t = PyTuple_New((Py_ssize_t)n);
	for (size_t i = 0; t && i < n; i++) {
		PyObject *s = PyUnicode_FromString(advisor_engine_intent(self->engine, i));
		if (!s) {
			Py_CLEAR(t);
			break;
		}
		PyTuple_SET_ITEM(t, (Py_ssize_t)i, s);
	}
	PyThread_release_lock(self->lock);
	return t;
}

static PyObject *engine_get_network(EngineObject *self, void *closure)
{
	(void)closure;
	Py_INCREF(self->network);
	return self->network;
}

static PyObject *engine_get_warnings(EngineObject *self, void *closure)
{
	(void)closure;
	return PyList_AsTuple(self->warnings);
}

#define REQUEST_DOC \
	"person is an id of the network or a profile URL, or a dict, a person\n" \
	"given inline ({\"name\": ..., \"profile_url\", \"headline\", \"company\",\n" \
	"\"title\", \"location\", \"industry\"}): the one of the network it names,\n" \
	"else a transient person (the result's \"transient\" is True); direction is\n" \
	"\"outgoing\" (the default: you would invite) or \"incoming\"; intents a\n" \
	"str or a list of str; as_of a date (YYYY-MM-DD or datetime.date;\n" \
	"None is today); drafts 1 to 3.  Raises advisor.Error on failure."

static PyMethodDef engine_methods[] = {
	{ "advise", (PyCFunction)(void (*)(void))engine_advise, METH_VARARGS | METH_KEYWORDS,
	  PyDoc_STR("advise(person, direction=None, *, intents=None, as_of=None, drafts=1)\n--\n\n"
		    "The advice on one person, as a dict: the result that\n"
		    "`advisor advise --json` prints.\n" REQUEST_DOC) },
	{ "explain", (PyCFunction)(void (*)(void))engine_explain, METH_VARARGS | METH_KEYWORDS,
	  PyDoc_STR("explain(person, direction=None, *, intents=None, as_of=None, drafts=1)\n--\n\n"
		    "The advice explained, as a dict: the result with \"rules\" and\n"
		    "\"what_if\", as `advisor advise --explain --json` prints it.\n" REQUEST_DOC) },
	{ "advise_json", (PyCFunction)engine_advise_json, METH_O,
	  PyDoc_STR("advise_json(request)\n--\n\n"
		    "Advise on one request written as JSON (a str or bytes), as\n"
		    "`advisor batch` reads a line: {\"person\": ID, \"direction\": ...,\n"
		    "\"intent\": [...], \"as_of\": ...}.  Returns the result as the one\n"
		    "line of JSON (a str) that batch prints for it.  Raises\n"
		    "advisor.Error with batch's message for a line it would refuse.") },
	{ "reload", (PyCFunction)(void (*)(void))engine_reload, METH_VARARGS | METH_KEYWORDS,
	  PyDoc_STR("reload(network=None, *, policy=True)\n--\n\n"
		    "For a long-running caller: advise from now on on `network`, or\n"
		    "with None on the engine's network loaded again if its file has\n"
		    "changed (Network.reload()); with policy=True, read the policy\n"
		    "folders again too.  Either everything is replaced or nothing is:\n"
		    "on failure it raises advisor.Error and the old network and policy\n"
		    "keep serving.  Calls in progress finish on what they started with.") },
	{ NULL, NULL, 0, NULL }
};

static PyGetSetDef engine_getset[] = {
	{ "policy", (getter)engine_get_policy, NULL,
	  PyDoc_STR("The policy's name, as results give it (\"default\", \"default+mine\")."), NULL },
	{ "intents", (getter)engine_get_intents, NULL,
	  PyDoc_STR("The intents the loaded policy understands, sorted."), NULL },
	{ "network", (getter)engine_get_network, NULL,
	  PyDoc_STR("The network the engine advises on."), NULL },
	{ "warnings", (getter)engine_get_warnings, NULL,
	  PyDoc_STR("The policy's lint warnings, a tuple of str."), NULL },
	{ NULL, NULL, NULL, NULL, NULL }
};

static PyType_Slot engine_slots[] = {
	{ Py_tp_doc, (void *)PyDoc_STR(
		"Engine(network, policy=None, *, note_limit=None, user_policy=None)\n--\n\n"
		"The shipped policy with the policy folders of `policy` layered over\n"
		"it (lowest first), advising on `network`.  An engine runs one call at\n"
		"a time: calls from several threads take turns, so make one engine a\n"
		"thread to advise in parallel (they may share the network).") },
	{ Py_tp_new, (void *)engine_new },
	{ Py_tp_dealloc, (void *)engine_dealloc },
	{ Py_tp_methods, engine_methods },
	{ Py_tp_getset, engine_getset },
	{ 0, NULL }
};

static PyType_Spec engine_spec = {
	.name = "advisor.Engine",
	.basicsize = sizeof(EngineObject),
	.flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE,
	.slots = engine_slots,
};

/* ------------------------------------------------------------------------
 * The module
 * ------------------------------------------------------------------------ */

static const struct {
	int code;
	const char *name;
	const char *extra_base; /* a builtin it also is, or NULL */
} error_classes[] = {
	{ ADVISOR_EINVAL, "InvalidArgument", "ValueError" },
	{ ADVISOR_EIO, "FileError", NULL },
	{ ADVISOR_EDATA, "DataError", NULL },
	{ ADVISOR_EPOLICY, "PolicyError", NULL },
	{ ADVISOR_ELIMIT, "LimitError", NULL },
	{ ADVISOR_ENOTFOUND, "UnknownPerson", "LookupError" },
	{ ADVISOR_EINTENT, "UnknownIntent", "LookupError" },
	{ ADVISOR_ENOMEM, "OutOfMemory", "MemoryError" },
	{ ADVISOR_EAMBIGUOUS, "AmbiguousName", "LookupError" },
	{ ADVISOR_ECANCELED, "Canceled", NULL },
};

static int module_exec(PyObject *m)
{
	module_state *st = state_of(m);
	st->error = PyErr_NewExceptionWithDoc(
		"advisor.Error",
		"A failure of the library: .code is its status (a negative int),\n"
		".message what failed and where; .path, .field, .line and .column\n"
		"locate it in the data when they apply.",
		NULL, NULL);
	if (!st->error || PyModule_AddObjectRef(m, "Error", st->error) < 0)
		return -1;
	PyObject *builtins = PyEval_GetBuiltins();
	for (size_t i = 0; i < sizeof error_classes / sizeof error_classes[0]; i++) {
		char qual[64];
		snprintf(qual, sizeof qual, "advisor.%s", error_classes[i].name);
		PyObject *bases;
		if (error_classes[i].extra_base)
			bases = PyTuple_Pack(2, st->error,
					     PyDict_GetItemString(builtins,
								  error_classes[i].extra_base));
		else
			bases = PyTuple_Pack(1, st->error);
		if (!bases)
			return -1;
		PyObject *cls = PyErr_NewException(qual, bases, NULL);
		Py_DECREF(bases);
		if (!cls)
			return -1;
		st->by_code[-error_classes[i].code] = cls;
		if (PyModule_AddObjectRef(m, error_classes[i].name, cls) < 0)
			return -1;
	}
	st->network_type = (PyTypeObject *)PyType_FromModuleAndSpec(m, &network_spec, NULL);
	if (!st->network_type || PyModule_AddType(m, st->network_type) < 0)
		return -1;
	st->engine_type = (PyTypeObject *)PyType_FromModuleAndSpec(m, &engine_spec, NULL);
	if (!st->engine_type || PyModule_AddType(m, st->engine_type) < 0)
		return -1;
	st->builder_type = (PyTypeObject *)PyType_FromModuleAndSpec(m, &builder_spec, NULL);
	if (!st->builder_type || PyModule_AddType(m, st->builder_type) < 0)
		return -1;
	if (PyModule_AddStringConstant(m, "library_version", advisor_version()) < 0)
		return -1;
	return 0;
}

static int module_traverse(PyObject *m, visitproc visit, void *arg)
{
	module_state *st = state_of(m);
	Py_VISIT(st->error);
	for (size_t i = 0; i < sizeof st->by_code / sizeof st->by_code[0]; i++)
		Py_VISIT(st->by_code[i]);
	Py_VISIT(st->network_type);
	Py_VISIT(st->engine_type);
	Py_VISIT(st->builder_type);
	return 0;
}

static int module_clear(PyObject *m)
{
	module_state *st = state_of(m);
	Py_CLEAR(st->error);
	for (size_t i = 0; i < sizeof st->by_code / sizeof st->by_code[0]; i++)
		Py_CLEAR(st->by_code[i]);
	Py_CLEAR(st->network_type);
	Py_CLEAR(st->engine_type);
	Py_CLEAR(st->builder_type);
	return 0;
}

static PyModuleDef_Slot module_slots[] = {
	{ Py_mod_exec, (void *)module_exec },
	{ 0, NULL }
};

static struct PyModuleDef module_def = {
	PyModuleDef_HEAD_INIT,
	.m_name = "advisor._advisor",
	.m_doc = "libadvisor's public API for Python (see the advisor package).",
	.m_size = sizeof(module_state),
	.m_slots = module_slots,
	.m_traverse = module_traverse,
	.m_clear = module_clear,
};

PyMODINIT_FUNC PyInit__advisor(void)
{
	return PyModuleDef_Init(&module_def);
}
