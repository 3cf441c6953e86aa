from . import test_install
from . import test_warranty_story
from . import test_warranty_coverage
from . import test_part_request
from . import test_part_return
from . import test_monthly_workbook
from . import test_emergency_purchase
from . import test_warranty_audit
