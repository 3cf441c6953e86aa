from .geo import check_coordinates, haversine_km
from .amount_words import amount_to_words
from .bounds import MAX_MONTHS, date_in_range, months_in_range
