from . import aftersales_repair_acceptance_wizard
from . import aftersales_monthly_workbook_wizard
from . import aftersales_repair_inspection_wizard
from . import aftersales_loan_override_wizard
from . import aftersales_payment_refusal_wizard
