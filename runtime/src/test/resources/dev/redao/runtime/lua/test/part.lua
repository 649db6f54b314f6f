local part = '${model}'
