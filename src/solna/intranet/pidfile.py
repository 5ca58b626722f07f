"""The pid file of one Zope process of the cluster: the ``[filter:pidfile]``
of instance/skel-cluster/etc/zope.ini.in.

Zope writes its process id to zope.conf's ``pid-filename`` (by default
``<clienthome>/Z4.pid``) when runwsgi starts serving, and removes it when it
stops. The cluster's processes share one zope.conf, so each wrote and
removed the same ``var/Z4.pid`` (issue 22's fresh trial). This filter sets
the file from the process's own ini (``path``, e.g.
``var/cluster/worker-2.pid``) before runwsgi writes it; a second zope.conf
per process would otherwise be needed. It changes no request.

runwsgi writes the id without a newline (``cat worker-1.pid worker-2.pid``
printed one number: issue 22's second trial): the filter has it written as
a line, in one step (``write_pid_file``).
"""

from App.config import getConfiguration

import os


def write_pid_file(command=None):
    """Zope2.Startup.serve.ServeCommand.makePidFile, as a line: this
    process's id and a newline into the configured pid file (its old one
    replaced at once, not removed first). An unwritable file is skipped, as
    Zope does."""
    path = getConfiguration().pid_filename
    partial = f"{path}.{os.getpid()}"
    try:
        with open(partial, "w") as output:
            output.write(f"{os.getpid()}\n")
        os.replace(partial, path)
    except OSError:
        pass


def filter_factory(global_conf, path):
    """Paste filter factory: ``path`` is the pid file of this process.
    Returns the filter, which gives back the application unchanged once the
    pid file's name is set (the application has read zope.conf by then) and
    runwsgi writes it with ``write_pid_file``."""

    def pidfile(app):
        from Zope2.Startup import serve

        getConfiguration().pid_filename = path
        serve.ServeCommand.makePidFile = write_pid_file
        return app

    return pidfile
