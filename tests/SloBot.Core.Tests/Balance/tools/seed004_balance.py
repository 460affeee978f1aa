# Transcribed verbatim from seed 004_651af359b143000d.txt, section Reliability vs Feature Velocity (lines 699-758):
# ReliabilityFeatureBalance. Do not edit the transcribed code; the gaps are filled in balance_cases.py.


class ReliabilityFeatureBalance:
    """Balance reliability work with feature development"""

    def __init__(self, team_capacity, current_slo_performance):
        self.capacity = team_capacity
        self.slo_performance = current_slo_performance

    def calculate_allocation(self):
        """Calculate time allocation between reliability and features"""

        # Base allocation: 70% features, 30% reliability (Google SRE recommendation)
        base_feature_pct = 70
        base_reliability_pct = 30

        # Adjust based on SLO performance
        adjustment = self._calculate_adjustment()

        feature_pct = base_feature_pct + adjustment
        reliability_pct = base_reliability_pct - adjustment

        # Ensure bounds (min 20% reliability, max 80% features)
        feature_pct = max(20, min(80, feature_pct))
        reliability_pct = 100 - feature_pct

        return {
            'feature_percentage': feature_pct,
            'reliability_percentage': reliability_pct,
            'feature_capacity_hours': self.capacity * (feature_pct / 100),
            'reliability_capacity_hours': self.capacity * (reliability_pct / 100),
            'rationale': self._explain_allocation(feature_pct, reliability_pct),
            'recommendations': self._generate_recommendations(reliability_pct)
        }

    def _calculate_adjustment(self):
        """Calculate adjustment based on SLO performance"""
        avg_performance = sum(
            s['actual'] for s in self.slo_performance.values()
        ) / len(self.slo_performance)

        avg_target = sum(
            s['target'] for s in self.slo_performance.values()
        ) / len(self.slo_performance)

        gap = avg_performance - avg_target

        if gap > 0.5:
            # Exceeding SLOs significantly, can do more features
            return +10
        elif gap > 0.1:
            # Meeting SLOs comfortably
            return +5
        elif gap > -0.1:
            # Just meeting SLOs
            return 0
        elif gap > -0.5:
            # Missing some SLOs
            return -10
        else:
            # Significantly missing SLOs
            return -20
