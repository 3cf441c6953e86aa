from . import test_forecast_dashboard
