# Transcribed verbatim from seed 004_651af359b143000d.txt, section Toil Budget Calculations (lines 768-834):
# ToilBudgetManager. Do not edit the transcribed code; the gaps are filled in toil_cases.py.


class ToilBudgetManager:
    """Manage toil budget and automation priorities"""

    def __init__(self, team_size, slo_performance):
        self.team_size = team_size
        self.slo_performance = slo_performance
        self.max_toil_percent = 50  # Google SRE recommendation

    def calculate_toil_budget(self):
        """Calculate acceptable toil budget"""

        # Base toil budget
        base_toil = self.max_toil_percent

        # Adjust based on SLO performance
        avg_slo = sum(s['actual'] for s in self.slo_performance.values()) / len(self.slo_performance)

        if avg_slo >= 99.95:
            # Exceeding SLO, can handle more toil
            toil_budget = base_toil + 10
        elif avg_slo >= 99.9:
            # Meeting SLO
            toil_budget = base_toil
        elif avg_slo >= 99.5:
            # Below SLO, reduce toil
            toil_budget = base_toil - 10
        else:
            # Significantly below SLO, minimize toil
            toil_budget = base_toil - 20

        # Apply bounds (20-60%)
        toil_budget = max(20, min(60, toil_budget))

        total_hours_per_week = 40 * self.team_size
        toil_hours = total_hours_per_week * (toil_budget / 100)
        automation_hours = total_hours_per_week - toil_hours

        return {
            'toil_percentage': toil_budget,
            'toil_hours_per_week': toil_hours,
            'automation_hours_per_week': automation_hours,
            'recommendation': self._generate_toil_recommendation(toil_budget)
        }

    def prioritize_automation(self, toil_tasks):
        """Prioritize toil tasks for automation"""

        scored_tasks = []
        for task in toil_tasks:
            score = self._calculate_automation_priority(task)
            scored_tasks.append({
                **task,
                'automation_score': score,
                'roi_months': self._calculate_roi(task)
            })

        # Sort by automation score
        return sorted(scored_tasks, key=lambda x: x['automation_score'], reverse=True)

    def _calculate_automation_priority(self, task):
        """Calculate priority score for automation"""
        frequency_score = task['frequency_per_week'] * 10
        duration_score = task['duration_hours'] * 5
        error_prone_score = 20 if task['error_prone'] else 0
        complexity_score = -task['automation_complexity'] * 2

        return frequency_score + duration_score + error_prone_score + complexity_score
