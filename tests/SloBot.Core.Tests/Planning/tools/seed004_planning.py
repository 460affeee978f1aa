# Transcribed verbatim from seed 004_651af359b143000d.txt, section Quarterly SLO Planning (lines 483-574):
# QuarterlySLOPlanning. Do not edit the transcribed code; the gaps are filled in planning_cases.py.


class QuarterlySLOPlanning:
    """Quarterly SLO planning and roadmap generation"""

    def __init__(self, historical_data, business_goals):
        self.historical = historical_data
        self.goals = business_goals

    def generate_quarterly_plan(self, current_quarter, next_quarter):
        """Generate comprehensive quarterly SLO plan"""

        # Week 1: Review and Assessment
        review = self._review_previous_quarter(current_quarter)

        # Week 2: Target Setting
        targets = self._propose_slo_targets(review, next_quarter)

        # Week 3: Roadmap Planning
        roadmap = self._plan_reliability_roadmap(targets)

        # Week 4: Finalization
        plan = self._finalize_plan(review, targets, roadmap)

        return plan

    def _review_previous_quarter(self, quarter):
        """Review previous quarter performance"""
        return {
            'slo_performance': self._calculate_slo_achievement(quarter),
            'error_budget_usage': self._analyze_error_budget(quarter),
            'incident_analysis': self._summarize_incidents(quarter),
            'reliability_trends': self._identify_trends(quarter),
            'user_satisfaction': self._get_satisfaction_scores(quarter)
        }

    def _propose_slo_targets(self, review, next_quarter):
        """Propose SLO targets for next quarter"""
        proposals = {}

        for service, perf in review['slo_performance'].items():
            current_slo = perf['target']
            actual_performance = perf['actual']

            if actual_performance > current_slo + 0.5:
                # Performing well above SLO, consider tightening
                proposed = min(current_slo + 0.1, 99.99)
                rationale = "Exceeding current SLO consistently"
            elif actual_performance < current_slo:
                # Missing SLO, consider relaxing
                proposed = max(current_slo - 0.1, 99.0)
                rationale = "Struggling to meet current SLO"
            else:
                # Meeting SLO, maintain
                proposed = current_slo
                rationale = "Current SLO appropriate"

            proposals[service] = {
                'current_target': current_slo,
                'proposed_target': proposed,
                'actual_performance': actual_performance,
                'rationale': rationale,
                'error_budget_impact': self._calculate_budget_impact(
                    current_slo, proposed
                )
            }

        return proposals

    def _plan_reliability_roadmap(self, targets):
        """Plan reliability initiatives for quarter"""
        initiatives = []

        for service, target_data in targets.items():
            gap = target_data['proposed_target'] - target_data['actual_performance']

            if gap > 0:
                # Need to improve reliability
                initiatives.extend(
                    self._identify_reliability_work(service, gap)
                )

        # Prioritize by impact and effort
        prioritized = sorted(
            initiatives,
            key=lambda x: x['impact'] / x['effort'],
            reverse=True
        )

        return {
            'initiatives': prioritized,
            'total_effort': sum(i['effort'] for i in prioritized),
            'projected_improvement': sum(i['impact'] for i in prioritized)
        }
