-- template of model ${model}
local a = {}
--@each fields
a[${f}] = '${name}'
--@end
--@if unique
if unique then
  --@include part
end
--@end
--@if events
events
--@else
no events
--@end
