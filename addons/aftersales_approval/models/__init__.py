from . import res_company
from . import aftersales_approval_rule
from . import aftersales_approval_review
from . import mail_activity
from . import aftersales_approval_mixin
from . import aftersales_approval_mixin_decision
from . import aftersales_approval_mixin_notification
