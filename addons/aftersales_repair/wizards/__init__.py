from . import aftersales_repair_approval_wizard
from . import aftersales_monthly_workbook_wizard
from . import aftersales_repair_inspection_wizard
from . import aftersales_loan_override_wizard
