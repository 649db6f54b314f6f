-- The revenue counter of charge_once (KEYS[1]), as text; "0" before the first charge.
return redis.call('GET', KEYS[1]) or '0'
