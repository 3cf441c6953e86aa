from .geo import check_coordinates, haversine_km
from .amount_words import amount_to_words
