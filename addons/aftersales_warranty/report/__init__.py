from . import aftersales_warranty_cost_report
