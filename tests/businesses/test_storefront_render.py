import json
import re

import pytest


@pytest.mark.django_db
def test_storefront_renders_with_json_ld(client, storefront1):
    response = client.get(storefront1.url)
    assert response.status_code == 200
    html = response.content.decode()
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(match.group(1))
    assert data["@type"] == "Restaurant"
    assert data["address"]["postalCode"] == "375-0024"
    assert 'hreflang="en"' in html
