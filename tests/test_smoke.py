from tests.conftest import open_restaurant_case


def test_open_and_reload(app):
    case = open_restaurant_case(app)
    assert case.id == "C2026-000001"
    again = open_restaurant_case(app)
    assert again.id == "C2026-000002"
    assert app.get_case(case.id) == case
