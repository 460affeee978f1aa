# Transcribed verbatim from seed 004_651af359b143000d.txt: the Release Decision Framework's
# ReleaseDecisionFramework (whole class) and WeeklySLOReview._determine_status (the status bands).
# Do not edit the transcribed code; gaps the document leaves are filled in release_matrix.py.


class ReleaseDecisionFramework:
    """Make release decisions based on error budget"""

    def __init__(self, error_budget_policy):
        self.policy = error_budget_policy

    def make_decision(self, service, release_info):
        """Determine if release should proceed"""

        # Get current error budget status
        budget_status = self.get_error_budget_status(service)

        # Assess release risk
        release_risk = self._assess_release_risk(release_info)

        # Apply decision matrix
        decision = self._apply_decision_matrix(budget_status, release_risk)

        return {
            'service': service,
            'release': release_info['version'],
            'decision': decision['action'],
            'rationale': decision['rationale'],
            'conditions': decision['conditions'],
            'alternatives': decision['alternatives'],
            'budget_status': budget_status,
            'release_risk': release_risk
        }

    def _apply_decision_matrix(self, budget_status, release_risk):
        """Apply decision matrix based on budget and risk"""

        matrix = {
            'healthy': {  # > 50% budget remaining
                'low': {'action': 'approve', 'conditions': []},
                'medium': {'action': 'approve', 'conditions': ['enhanced_monitoring']},
                'high': {'action': 'review', 'conditions': ['canary_deployment', 'ready_rollback']}
            },
            'attention': {  # 20-50% budget
                'low': {'action': 'approve', 'conditions': ['enhanced_monitoring']},
                'medium': {'action': 'review', 'conditions': ['canary_deployment', 'ready_rollback']},
                'high': {'action': 'defer', 'conditions': []}
            },
            'warning': {  # 10-20% budget
                'low': {'action': 'review', 'conditions': ['canary_deployment', 'ready_rollback']},
                'medium': {'action': 'defer', 'conditions': []},
                'high': {'action': 'block', 'conditions': []}
            },
            'critical': {  # < 10% budget
                'low': {'action': 'defer', 'conditions': []},
                'medium': {'action': 'block', 'conditions': []},
                'high': {'action': 'block', 'conditions': []}
            },
            'exhausted': {  # No budget
                'low': {'action': 'block', 'conditions': []},
                'medium': {'action': 'block', 'conditions': []},
                'high': {'action': 'block', 'conditions': []}
            }
        }

        decision = matrix[budget_status['status']][release_risk]

        # Add rationale
        decision['rationale'] = self._explain_decision(
            budget_status, release_risk, decision['action']
        )

        # Add alternatives for deferred/blocked releases
        if decision['action'] in ['defer', 'block']:
            decision['alternatives'] = self._suggest_alternatives(budget_status)

        return decision

    def _assess_release_risk(self, release_info):
        """Assess risk level of release"""
        score = 0

        # Code changes
        if release_info.get('lines_changed', 0) > 1000:
            score += 2
        elif release_info.get('lines_changed', 0) > 100:
            score += 1

        # Critical paths touched
        if release_info.get('touches_critical_path', False):
            score += 2

        # Database changes
        if release_info.get('has_db_migration', False):
            score += 2

        # External dependencies
        if release_info.get('changes_external_apis', False):
            score += 1

        # Test coverage
        if release_info.get('test_coverage', 100) < 80:
            score += 2

        # Classify risk
        if score >= 6:
            return 'high'
        elif score >= 3:
            return 'medium'
        else:
            return 'low'


class WeeklySLOReview:
    """Only the status bands of the document's WeeklySLOReview."""

    def _determine_status(self, error_budget_remaining):
        """Determine health status based on error budget"""
        if error_budget_remaining >= 50:
            return 'healthy'
        elif error_budget_remaining >= 20:
            return 'attention'
        elif error_budget_remaining >= 10:
            return 'warning'
        else:
            return 'critical'
