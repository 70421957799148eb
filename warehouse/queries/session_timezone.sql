SET TimeZone = $tz
