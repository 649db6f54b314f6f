-- A table holding an integer, text, a nested table and a status reply.
return {1, 'two', {3, 'four'}, redis.status_reply('OK')}
