# Transcribed verbatim from seed 004 (004_651af359b143000d.txt), "SLO Culture Principles" > "Implementation Framework".
# Not edited: the differential test subclasses it to supply the criteria the document leaves to helpers.

class SLOCulture:
    """Framework for establishing SLO-driven culture"""

    def __init__(self):
        self.principles = {
            'user_centric': 'Define SLOs based on user experience',
            'error_budget_driven': 'Use error budget for prioritization',
            'shared_responsibility': 'Cross-functional ownership',
            'continuous_improvement': 'Regular reviews and adjustments',
            'transparency': 'Open communication and reporting'
        }

    def assess_cultural_readiness(self, organization):
        """Assess organization's readiness for SLO culture"""
        criteria = {
            'executive_sponsorship': self._has_exec_support(organization),
            'engineering_buy_in': self._has_eng_support(organization),
            'product_alignment': self._has_product_alignment(organization),
            'data_infrastructure': self._has_observability(organization),
            'incident_process': self._has_incident_mgmt(organization)
        }

        score = sum(criteria.values()) / len(criteria)

        return {
            'readiness_score': score,
            'criteria': criteria,
            'recommendations': self._generate_recommendations(criteria),
            'readiness_level': self._classify_readiness(score)
        }

    def _classify_readiness(self, score):
        if score >= 0.8:
            return 'ready'
        elif score >= 0.6:
            return 'needs_preparation'
        elif score >= 0.4:
            return 'significant_gaps'
        else:
            return 'not_ready'
