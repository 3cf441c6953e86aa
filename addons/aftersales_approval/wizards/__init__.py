from . import aftersales_approval_reject_wizard
