from .worktime import WorkTime
