from . import test_portal_access
from . import test_portal_flows
from . import test_portal_tours
from . import test_dealer_registration
