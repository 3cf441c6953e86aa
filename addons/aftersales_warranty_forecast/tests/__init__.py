from . import test_reliability
from . import test_provision
