"""How dbt nodes appear in Dagster: keys by warehouse schema, groups by schema, every asset
linked to its page in the dbt docs, every test's own description on its check."""
from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator

PROJECT_ID = "dagster_dbt/project_id"


def dbt_docs_url() -> str:
    """Where the dbt docs are served (`make docs` sets it from DOCS_PORT)."""
    return os.environ.get("DBT_DOCS_URL", "http://127.0.0.1:8080").rstrip("/")


class WarehouseTranslator(DagsterDbtTranslator):
    """Keys follow the warehouse schemas (marts/sections), so the lineage graph reads like
    the SQL users write; every asset links to its page in the dbt docs."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            return super().get_asset_key(dbt_resource_props)  # meta.dagster.asset_key → raw/*
        return dg.AssetKey([dbt_resource_props["schema"], dbt_resource_props["name"]])

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return dbt_resource_props.get("schema")

    def get_asset_spec(self, manifest, unique_id, project) -> dg.AssetSpec:
        """Without dbt's project hash, an id no reader needs (dagster-dbt still needs the node's unique_id)."""
        spec = super().get_asset_spec(manifest, unique_id, project)
        if PROJECT_ID not in spec.metadata:
            return spec
        return spec.replace_attributes(metadata={k: v for k, v in spec.metadata.items() if k != PROJECT_ID})

    def get_asset_check_spec(self, asset_spec, manifest, unique_id, project):
        """dagster-dbt reads a check's description from meta.description only; ours are the
        tests' own `description:`."""
        spec = super().get_asset_check_spec(asset_spec, manifest, unique_id, project)
        if spec is None or spec.description:
            return spec
        return spec._replace(description=manifest["nodes"][unique_id].get("description") or None)

    def get_metadata(self, dbt_resource_props: Mapping[str, Any]) -> Mapping[str, Any]:
        page = f"{dbt_docs_url()}/#!/{dbt_resource_props['resource_type']}/{dbt_resource_props['unique_id']}"
        return {**super().get_metadata(dbt_resource_props), "dbt_docs": dg.MetadataValue.url(page)}
