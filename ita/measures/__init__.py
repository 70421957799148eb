"""Measures: the template catalog (data files in ``catalog/``), milestone offsets, and the plan
generated for the next fiscal year from a classification.

    >>> plan = generate_plan(classification, agency_id)       # doctest: +SKIP
    >>> [m.indicator for m in plan.measures]                  # doctest: +SKIP
    [7, 8, 9, 6, 4]
"""

from ita.measures.catalog import MeasureCatalog, TemplateError, load_catalog
from ita.measures.plan import (
    Plan,
    PlannedMeasure,
    PlannedMilestone,
    carry_over_measures,
    generate_plan,
    measure_id_for,
    plan_year_for,
)
from ita.measures.schedule import ScheduleError, expand_due

__all__ = [
    "MeasureCatalog",
    "Plan",
    "PlannedMeasure",
    "PlannedMilestone",
    "ScheduleError",
    "TemplateError",
    "carry_over_measures",
    "expand_due",
    "generate_plan",
    "load_catalog",
    "measure_id_for",
    "plan_year_for",
]
