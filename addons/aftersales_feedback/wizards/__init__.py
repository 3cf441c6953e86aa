from . import aftersales_complaint_handover
from . import stock_return_picking
