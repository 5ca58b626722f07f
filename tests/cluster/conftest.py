"""The cluster of `make start-cluster`, started once for this folder's tests
through scripts/cluster.py (tests/fixtures/cluster.py), stopped afterwards,
also when a test fails or the run is interrupted."""

from tests.fixtures.cluster import ADMIN
from tests.fixtures.cluster import Cluster

import pytest
import requests


#: Members of the cluster's site (it has no demo accounts: DEMO=no).
MEMBERS = {"kalle.karlsson": "Kalle Karlsson", "stina.strom": "Stina Ström"}
# ASCII: requests sends HTTP basic credentials in Latin-1, Zope reads UTF-8.
PASSWORD = "Kluster-2026-losen"


@pytest.fixture(scope="session")
def cluster():
    cluster = Cluster(workers=2)
    try:
        cluster.start()
        admin = requests.Session()
        admin.auth = ADMIN
        admin.headers["Accept"] = "application/json"
        for login, fullname in MEMBERS.items():
            response = admin.post(
                f"{cluster.url}/@users",
                json={
                    "username": login,
                    "fullname": fullname,
                    "email": f"{login.split('.')[0]}@example.org",
                    "password": PASSWORD,
                },
                timeout=60,
            )
            assert response.status_code == 201, response.text
        yield cluster
    finally:
        cluster.kill_everything()
        cluster.remove()
