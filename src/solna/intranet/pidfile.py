"""The pid file of one Zope process of the cluster: the ``[filter:pidfile]``
of instance/skel-cluster/etc/zope.ini.in.

Zope writes its process id to zope.conf's ``pid-filename`` (by default
``<clienthome>/Z4.pid``) when runwsgi starts serving, and removes it when it
stops. The cluster's processes share one zope.conf, so each wrote and
removed the same ``var/Z4.pid`` (issue 22's fresh trial). This filter sets
the file from the process's own ini (``path``, e.g.
``var/cluster/worker-2.pid``) before runwsgi writes it; a second zope.conf
per process would otherwise be needed. It changes no request.
"""

from App.config import getConfiguration


def filter_factory(global_conf, path):
    """Paste filter factory: ``path`` is the pid file of this process.
    Returns the filter, which gives back the application unchanged once the
    pid file's name is set (the application has read zope.conf by then)."""

    def pidfile(app):
        getConfiguration().pid_filename = path
        return app

    return pidfile
