import type { Type } from '@nestjs/common';
import { ArgsType, Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { Page } from '@switchyard/identity';

@ObjectType({ description: 'Where a page sits in its list (Relay cursor connections).' })
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field()
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export enum SortDirection {
  ASC = 'asc',
  DESC = 'desc',
}
registerEnumType(SortDirection, { name: 'SortDirection' });

/** `first` and `after` of every list. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: 'Items per page, 1 to 100.' })
  first!: number;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  after?: string | null;
}

export interface Edge<T> {
  readonly cursor: string;
  readonly node: T;
}

export interface ConnectionShape<T> {
  readonly edges: readonly Edge<T>[];
  readonly pageInfo: PageInfo;
  readonly totalCount: number;
}

/** `<Name>Connection` and `<Name>Edge` object types for a node type. */
export function Connection<T>(node: Type<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Items matching the filter, over all pages.' })
    totalCount!: number;
  }
  return ConnectionType;
}

/** `<Name>Order` input: a sort field of `fields` (default `byDefault`) and a direction (default DESC). */
export function Order<F extends string>(fields: object, byDefault: F) {
  @InputType({ isAbstract: true })
  abstract class OrderType {
    @Field(() => fields, { defaultValue: byDefault })
    field!: F;

    @Field(() => SortDirection, { defaultValue: SortDirection.DESC })
    direction!: SortDirection;
  }
  return OrderType;
}

/** A service page as a connection. */
export function connectionOf<T>(page: Page<T>, after: string | null | undefined): ConnectionShape<T> {
  const edges = page.items.map((node, index) => ({ node, cursor: page.cursors[index]! }));
  return {
    edges,
    totalCount: page.totalCount,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: Boolean(after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** Cost of a connection field for the complexity limit: `first` items, each its selection. */
export function connectionComplexity(options: { args: { first?: number }; childComplexity: number }): number {
  return 1 + (options.args.first ?? 20) * Math.max(1, options.childComplexity);
}
