'use client';
import { useApi } from './use-api';
import { useHostId } from './host-context';
import { interfacesKey, interfaceKey, type InterfaceResponse, type InterfacesResponse } from '../contracts/interfaces';

export function useInterfaces() {
  return useApi<InterfacesResponse>(interfacesKey(useHostId()));
}

export function useInterface(name: string) {
  return useApi<InterfaceResponse>(interfaceKey(useHostId(), name));
}
