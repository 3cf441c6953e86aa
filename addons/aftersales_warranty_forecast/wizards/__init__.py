from . import aftersales_provision_rollforward
from . import aftersales_provision_post
