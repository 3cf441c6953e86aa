from . import res_company
from . import res_config_settings
from . import aftersales_sla_mixin
from . import aftersales_sla_policy
from . import aftersales_sla_deadline
from . import aftersales_overdue_mixin
