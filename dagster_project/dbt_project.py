from dagster_dbt import DbtProject

from dagster_project.settings import DBT_PROJECT_DIR

# The manifest is built before Dagster loads (`make run` / `make ui` run `dbt parse`,
# tests have a session fixture); prepare_if_dev only acts under `dagster dev`.
dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
dbt_project.prepare_if_dev()
