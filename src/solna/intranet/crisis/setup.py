"""What the profile sets up for crisis mode (post_install and the upgrade
to 20261130003)."""


def install(site):
    """Set up crisis mode on ``site``; running it again changes nothing."""
