from . import portal
from . import dealer
from . import public
