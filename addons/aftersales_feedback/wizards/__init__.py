from . import aftersales_complaint_handover
from . import stock_return_picking
from . import aftersales_feedback_monthly_report
