import type { DeploymentConfig } from '@switchyard/config';

/** A model group (or wildcard route) the request's `model` resolved to. */
export interface ResolvedModel {
  /** The group name (`model_name`), after `model_group_alias`. */
  readonly group: string;
  readonly deployments: readonly DeploymentConfig[];
  /** What a wildcard's `*` matched; undefined for an exact group. */
  readonly wildcardMatch: string | undefined;
}

interface WildcardRoute {
  readonly pattern: RegExp;
  readonly group: string;
  readonly deployments: readonly DeploymentConfig[];
  readonly literalLength: number;
}

function wildcardPattern(name: string): RegExp {
  const escaped = name.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('(.*)')}$`, 's');
}

/** The provider's model name for a deployment, substituting a wildcard's match. */
export function upstreamModelFor(deployment: DeploymentConfig, wildcardMatch: string | undefined): string {
  const { providerModel } = deployment.params;
  if (wildcardMatch === undefined || !providerModel.includes('*')) return providerModel;
  return providerModel.replace('*', wildcardMatch);
}

/**
 * The model groups of `model_list`: exact names, `model_group_alias` and wildcard routes
 * (`openai/*`, `*`), most specific first. Built once from config.
 */
export class ModelCatalog {
  private readonly groups = new Map<string, DeploymentConfig[]>();
  private readonly wildcards: WildcardRoute[] = [];
  private readonly aliases: ReadonlyMap<string, string>;
  private readonly hidden: ReadonlySet<string>;

  constructor(
    modelList: readonly DeploymentConfig[],
    aliases: Readonly<Record<string, string>>,
    hiddenAliases: readonly string[] = [],
  ) {
    this.hidden = new Set(hiddenAliases);
    const wildcardGroups = new Map<string, DeploymentConfig[]>();
    for (const deployment of modelList) {
      const target = deployment.modelName.includes('*') ? wildcardGroups : this.groups;
      const list = target.get(deployment.modelName) ?? [];
      list.push(deployment);
      target.set(deployment.modelName, list);
    }
    for (const [group, deployments] of wildcardGroups) {
      this.wildcards.push({
        pattern: wildcardPattern(group),
        group,
        deployments,
        literalLength: group.replace(/\*/g, '').length,
      });
    }
    this.wildcards.sort((a, b) => b.literalLength - a.literalLength);
    this.aliases = new Map(Object.entries(aliases));
  }

  /** @hotpath */
  resolve(model: string): ResolvedModel | undefined {
    const name = this.aliases.get(model) ?? model;
    const deployments = this.groups.get(name);
    if (deployments) return { group: name, deployments, wildcardMatch: undefined };
    for (const route of this.wildcards) {
      const match = route.pattern.exec(name);
      if (match) return { group: route.group, deployments: route.deployments, wildcardMatch: match[1] ?? '' };
    }
    return undefined;
  }

  /** Names served to `GET /v1/models`: exact groups and aliases (not hidden ones), not wildcard routes. */
  publicModelNames(): string[] {
    const names = [...this.groups.keys()];
    for (const [alias, group] of this.aliases) {
      if (!this.groups.has(alias) && !this.hidden.has(alias) && this.resolve(group)) names.push(alias);
    }
    return names;
  }

  allDeployments(): DeploymentConfig[] {
    return [...this.groups.values(), ...this.wildcards.map((route) => route.deployments)].flat();
  }
}
