"""Great-circle distance helper of aftersales_repair (pure python, no database)."""

import importlib.util
import pathlib

import pytest

_PATH = pathlib.Path(__file__).resolve().parents[1] / "addons/aftersales_repair/tools/geo.py"
_SPEC = importlib.util.spec_from_file_location("aftersales_geo", _PATH)
geo = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(geo)


def test_same_point_is_zero():
    assert geo.haversine_km(50.7989, -1.0912, 50.7989, -1.0912) == 0.0


def test_london_paris():
    # London (51.5074, -0.1278) to Paris (48.8566, 2.3522): about 343.5 km
    assert geo.haversine_km(51.5074, -0.1278, 48.8566, 2.3522) == pytest.approx(343.5, abs=0.5)


def test_one_degree_of_latitude():
    # one degree along a meridian is 2 * pi * R / 360
    assert geo.haversine_km(0.0, 0.0, 1.0, 0.0) == pytest.approx(111.195, abs=0.01)


def test_symmetric_and_antipodal():
    d1 = geo.haversine_km(10.0, 20.0, -30.0, 40.0)
    assert d1 == pytest.approx(geo.haversine_km(-30.0, 40.0, 10.0, 20.0))
    assert geo.haversine_km(0.0, 0.0, 0.0, 180.0) == pytest.approx(20015.1, abs=0.5)


@pytest.mark.parametrize(
    "lat,lon", [(90.1, 0.0), (-90.1, 0.0), (0.0, 180.5), (0.0, -181.0), (None, 0.0)]
)
def test_out_of_range_refused(lat, lon):
    assert not geo.check_coordinates(lat, lon)
    with pytest.raises((ValueError, TypeError)):
        geo.haversine_km(lat, lon, 0.0, 0.0)


def test_limits_accepted():
    assert geo.check_coordinates(90.0, 180.0)
    assert geo.check_coordinates(-90.0, -180.0)
