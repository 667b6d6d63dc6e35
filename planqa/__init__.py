"""plan-qa: grounded question answering over the Minhang District 2024 business-environment plan.

This package holds what every pipeline stage shares: settings, domain errors and the script helpers
(traditional/simplified conversion and text normalisation).
"""

__version__ = "0.1.0"
