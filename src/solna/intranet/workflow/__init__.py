# Registers the guard helpers' security declarations at import time.
from solna.intranet.workflow import guards  # noqa: F401
