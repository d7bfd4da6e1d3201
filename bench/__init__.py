"""`make bench`: build speed, scale, rebuild time and page weight of the ВАКР site."""
