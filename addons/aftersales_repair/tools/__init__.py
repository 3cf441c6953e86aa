from .geo import check_coordinates, haversine_km
from .amount_words import amount_to_words
from .bounds import (
    MAX_MONTHS,
    check_number_bounds,
    check_text_not_blank,
    date_in_range,
    months_in_range,
)
