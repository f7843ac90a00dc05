const MESSAGES = [{ role: 'user', content: 'hi' }];

export const CHAT_PATH = '/v1/chat/completions';
export const JSON_HEADERS = { 'content-type': 'application/json' };
export const CHAT_BODY = JSON.stringify({ model: 'bench', messages: MESSAGES });
export const STREAM_BODY = JSON.stringify({ model: 'bench', messages: MESSAGES, stream: true });
