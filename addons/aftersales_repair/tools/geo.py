# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Great-circle distance between two points given in decimal degrees.

Pure python (no Odoo import) so that it is tested with pytest without a database; no online
service is ever called.
"""

import math

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)


def check_coordinates(latitude, longitude):
    """Return True when latitude is within [-90, 90] and longitude within [-180, 180]."""
    if latitude is None or longitude is None:
        return False
    return -90.0 <= float(latitude) <= 90.0 and -180.0 <= float(longitude) <= 180.0


def haversine_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in kilometres between (lat1, lon1) and (lat2, lon2).

    Raises ValueError when a coordinate is out of range.
    """
    for lat, lon in ((lat1, lon1), (lat2, lon2)):
        if not check_coordinates(lat, lon):
            raise ValueError(f"Coordinates out of range: latitude {lat}, longitude {lon}")
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = math.radians(lat2 - lat1)
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))
