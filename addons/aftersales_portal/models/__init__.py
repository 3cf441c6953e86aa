from . import res_partner
from . import stock_lot
from . import aftersales_warranty
from . import repair_order
from . import aftersales_warranty_part_request
from . import aftersales_part_return
from . import aftersales_dealer_unit_registration
