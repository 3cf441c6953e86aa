from . import test_install
from . import test_complaint
from . import test_feedback
from . import test_callback
from . import test_survey_campaign
from . import test_performance
from . import test_feedback_http
