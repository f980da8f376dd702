import { newId } from '../org/salesforce-ids.js';
import { type EmulatorRequest, type EmulatorResponse, json } from '../server/http-types.js';
import { parseBody } from '../server/json-body.js';
import type { EmulatorState } from '../state/emulator-state.js';
import { NOT_FOUND } from './salesforce-errors.js';

type Row = Record<string, unknown>;
interface Element {
  id: string;
  text: string;
  actorId: string;
  createdDate: string;
  comments: Row[];
  likes: string[];
}
interface Store {
  elements: Map<string, Element>;
  likes: Map<string, { elementId?: string; commentId?: string }>;
}

const MAX_ELEMENTS = 10_000;
const stores = new WeakMap<EmulatorState, Store>();
function storeOf(state: EmulatorState): Store {
  let store = stores.get(state);
  if (!store) {
    store = { elements: new Map(), likes: new Map() };
    stores.set(state, store);
  }
  return store;
}

/**
 * The Chatter REST API (`/chatter/*`, `/connect/batch`): users, groups, feeds, text posts with
 * comments and likes, kept in memory (at most 10,000 posts, the oldest dropped first).
 */
export function handleChatter(
  state: EmulatorState,
  request: EmulatorRequest,
  base: string,
  parts: string[],
  user: { userId: string },
): EmulatorResponse {
  const root = `${base}/chatter`;
  const store = storeOf(state);
  const users = (state.data.records.get('user') ?? []) as Row[];
  const actor = (id: string) => {
    const row = users.find((candidate) => String(candidate.Id).slice(0, 15) === id.slice(0, 15));
    const photo = `${state.instanceUrl(request.url)}/profilephoto/005/T`;
    return {
      id,
      type: 'User',
      name: String(row?.Name ?? row?.Username ?? id),
      username: String(row?.Username ?? ''),
      url: `${root}/users/${id}`,
      photo: { url: photo, smallPhotoUrl: `${photo}/s`, largePhotoUrl: `${photo}/l` },
    };
  };
  const render = (element: Element) => ({
    id: element.id,
    type: 'TextPost',
    url: `${root}/feed-elements/${element.id}`,
    createdDate: element.createdDate,
    body: { text: element.text, messageSegments: [{ type: 'Text', text: element.text }] },
    actor: actor(element.actorId),
    capabilities: {
      comments: {
        page: {
          currentPageUrl: `${root}/feed-elements/${element.id}/capabilities/comments/items`,
          items: element.comments,
          total: element.comments.length,
        },
      },
      chatterLikes: {
        page: {
          currentPageUrl: `${root}/feed-elements/${element.id}/capabilities/chatter-likes/items`,
          items: element.likes.map((id) => ({ id, url: `${root}/likes/${id}` })),
          total: element.likes.length,
        },
      },
    },
  });
  const page = (url: string) =>
    json(200, {
      currentPageUrl: url,
      nextPageUrl: null,
      elements: [...store.elements.values()].reverse().map(render),
    });
  const like = (target: { elementId?: string; commentId?: string }) => {
    const id = newId('0I0');
    store.likes.set(id, target);
    return json(201, { id, url: `${root}/likes/${id}`, user: actor(user.userId) });
  };
  const [first, second, third, fourth, fifth] = parts;
  const body = parseBody(request.body);
  const text =
    (body?.body as { messageSegments?: Array<{ text?: string }> } | undefined)?.messageSegments
      ?.map((s) => s.text ?? '')
      .join('') ?? '';
  switch (first) {
    case undefined:
      return json(200, {
        feeds: `${root}/feeds`,
        groups: `${root}/groups`,
        users: `${root}/users`,
      });
    case 'users':
      if (!second)
        return json(200, {
          currentPageUrl: `${root}/users`,
          users: users.map((row) => actor(String(row.Id))),
        });
      return json(200, actor(second === 'me' ? user.userId : second));
    case 'groups':
      return json(200, { currentPageUrl: `${root}/groups`, groups: [] });
    case 'feeds':
      if (!second) {
        const feeds = [
          ['News', 'News', 'news/me'],
          ['Company', 'Company', 'company'],
          ['To', 'To', 'to/me'],
        ].map(([label, feedType, path]) => ({
          label,
          feedType,
          feedUrl: `${root}/feeds/${path}`,
          feedElementsUrl: `${root}/feeds/${path}/feed-elements`,
        }));
        return json(200, { favorites: [], feeds });
      }
      return page(request.url.pathname);
    case 'feed-elements': {
      if (!second) {
        if (request.method !== 'POST') return page(`${root}/feed-elements`);
        const element: Element = {
          id: newId('0D5'),
          text,
          actorId: user.userId,
          createdDate: new Date(state.now()).toISOString(),
          comments: [],
          likes: [],
        };
        store.elements.set(element.id, element);
        while (store.elements.size > MAX_ELEMENTS)
          store.elements.delete(store.elements.keys().next().value!);
        return json(201, render(element));
      }
      const element = store.elements.get(second);
      if (!element) return NOT_FOUND;
      if (!third) {
        if (request.method === 'DELETE') {
          store.elements.delete(second);
          return json(204, null);
        }
        return json(200, render(element));
      }
      if (
        third === 'capabilities' &&
        fourth === 'comments' &&
        fifth === 'items' &&
        request.method === 'POST'
      ) {
        const id = newId('0D7');
        const comment = {
          id,
          body: { text },
          url: `${root}/comments/${id}`,
          likes: { currentPageUrl: `${root}/comments/${id}/likes`, items: [], total: 0 },
          user: actor(user.userId),
        };
        element.comments.push(comment);
        return json(201, comment);
      }
      if (third === 'capabilities' && fourth === 'chatter-likes' && request.method === 'POST') {
        const response = like({ elementId: second });
        element.likes.push((JSON.parse(response.body) as { id: string }).id);
        return response;
      }
      return NOT_FOUND;
    }
    case 'comments':
      if (second && third === 'likes' && request.method === 'POST')
        return like({ commentId: second });
      return NOT_FOUND;
    case 'likes': {
      const target = second ? store.likes.get(second) : undefined;
      if (!target || request.method !== 'DELETE') return NOT_FOUND;
      store.likes.delete(second!);
      const element = target.elementId ? store.elements.get(target.elementId) : undefined;
      if (element) element.likes = element.likes.filter((id) => id !== second);
      return json(204, null);
    }
    default:
      return NOT_FOUND;
  }
}

/** `POST /connect/batch`: runs each `{ method, url, richInput }` through the Chatter routes. */
export function handleConnectBatch(
  state: EmulatorState,
  request: EmulatorRequest,
  base: string,
  user: { userId: string },
): EmulatorResponse {
  const body = parseBody(request.body) as
    | { batchRequests?: Array<{ method: string; url: string; richInput?: unknown }> }
    | undefined;
  const requests = (body?.batchRequests ?? []).slice(0, 25);
  const results = requests.map((item) => {
    const path = item.url.startsWith('/services/') ? item.url : `/services/data${item.url}`;
    const url = new URL(path, request.url);
    const parts = url.pathname.split('/').filter(Boolean);
    const index = parts.indexOf('chatter');
    const response = handleChatter(
      state,
      {
        ...request,
        method: item.method.toUpperCase(),
        url,
        body: item.richInput ? JSON.stringify(item.richInput) : '',
      },
      base,
      parts.slice(index + 1),
      user,
    );
    return {
      statusCode: response.status,
      result: response.body ? JSON.parse(response.body) : null,
    };
  });
  return json(200, { hasErrors: results.some((result) => result.statusCode >= 400), results });
}
