"""The ITA framework catalog: one YAML data file per fiscal year (B.E.) in this folder.

>>> fw = load_framework(2565)
>>> fw.tools["OIT"].weight, fw.indicators[7].name, fw.items["O24"].sub_indicator
(Decimal('0.40'), 'ประสิทธิภาพการสื่อสาร', '9.3')
"""

from ita.frameworks.loader import known_years, load_framework, load_framework_file
from ita.frameworks.model import (
    TOOL_CODES,
    Band,
    CatalogError,
    Framework,
    Grading,
    Indicator,
    Item,
    Scoring,
    ScoringRule,
    SubIndicator,
    Tool,
)

__all__ = [
    "TOOL_CODES",
    "Band",
    "CatalogError",
    "Framework",
    "Grading",
    "Indicator",
    "Item",
    "Scoring",
    "ScoringRule",
    "SubIndicator",
    "Tool",
    "known_years",
    "load_framework",
    "load_framework_file",
]
