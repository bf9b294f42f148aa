import type {
  BatchResultStatus,
  FeedAttributes,
  FeedDataMap,
  Problem,
  PublishAttributes,
  PublishDataMap,
  Receipt,
} from './contract.generated';

export type PublishEventType = keyof PublishDataMap;
export type PublishData<T extends PublishEventType> = PublishDataMap[T];

/** A CloudEvent of type `T`: the attributes, and the data that type has. */
type Typed<Attributes, DataMap, T extends keyof DataMap> = Attributes & {
  type: T;
  data: DataMap[T];
};

type AnyOf<Attributes, DataMap> = {
  [T in keyof DataMap]: Typed<Attributes, DataMap, T>;
}[keyof DataMap];

/** A structured-mode CloudEvent of type `T`, as the hub's intake takes it. */
export type PublishEventOf<T extends PublishEventType> = Typed<
  PublishAttributes,
  PublishDataMap,
  T
>;

export type PublishEvent = AnyOf<PublishAttributes, PublishDataMap>;

export type FeedEventType = keyof FeedDataMap;
export type FeedData<T extends FeedEventType> = FeedDataMap[T];

/** A delivered CloudEvent of type `T`; its `cursor` is where to resume after it. */
export type FeedEventOf<T extends FeedEventType> = Typed<FeedAttributes, FeedDataMap, T>;

/** Any delivered event; narrow it by its `type`. */
export type FeedEvent = AnyOf<FeedAttributes, FeedDataMap>;

/** One page of the feed: resume after `next`. */
export interface FeedPage {
  events: FeedEvent[];
  next: number;
}

/** The answer to one event of a batch: a receipt (201, 200) or the problem that refused it. */
export interface BatchResult extends BatchResultStatus {
  receipt?: Receipt;
  problem?: Problem;
}

/** What publishing one event gave: its receipt, and whether the hub had stored it already. */
export interface Published {
  receipt: Receipt;
  /** True when the hub answered 200: an earlier attempt had stored it, this is its receipt. */
  alreadyStored: boolean;
}
