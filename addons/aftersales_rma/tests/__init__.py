from . import test_rma_return
from . import test_recall_campaign
from . import test_recall_link
