from . import test_sla_engine
from . import test_overdue_mixin
